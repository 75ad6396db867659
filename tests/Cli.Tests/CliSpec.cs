using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Cli.Tests;

/// <summary>`yta` against a running host: the real Program and actor system in-process, on a SQLite file of its own.</summary>
public abstract class CliSpec : IAsyncLifetime
{
    private readonly TestJournal _journal = TestJournal.Sqlite();
    private readonly string? _adminKey;

    protected CliSpec(string? adminKey = null)
    {
        _adminKey = adminKey;
        Host = new AppFactory(_journal, new RecordingAlertSink(), Source,
            adminKey is null ? null : new Dictionary<string, string?> { ["Api:AdminKey"] = adminKey });
    }

    protected ChannelVideoStatsSource Source { get; } = new();

    protected AppFactory Host { get; }

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        Host.CreateClient().Dispose(); // starts the host
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _journal.Dispose();
    }

    /// <summary>Runs yta against the host, with YTA_ADMIN_KEY set to the host's admin key when it has one.</summary>
    protected async Task<(int Exit, string Out, string Err)> Yta(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await YtaCommand.RunAsync([.. args, "--api", Host.Server.BaseAddress.ToString()], output, error,
            Host.Server.CreateHandler(), name => name == "YTA_ADMIN_KEY" ? _adminKey : null);
        return (exit, output.ToString(), error.ToString());
    }
}
