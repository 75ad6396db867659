using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Reliability.Tests.Faults;

/// <summary>
/// The SQLite journal on a filesystem that fills up: a small tmpfs mounted for the test (as root; where mounting is
/// refused the spec is skipped with the reason), filled by another file until the kernel answers ENOSPC, later freed.
/// Oracle: readiness says 503 while the journal's writes fail and 200 once they work; the watchlist and the ingest
/// resume by themselves; every change the API acknowledged and every sample an actor acked is still there.
/// </summary>
public sealed class FullDiskSpecs : IAsyncLifetime
{
    private const string Category = "hostile answers and failure paths";
    private const string AdminKey = "fault-suite-admin-key-0123456789";
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddMinutes(-30);

    private readonly string _mount = Directory.CreateTempSubdirectory("yta-full-disk-").FullName;
    private readonly ChannelVideoStatsSource _source = new();
    private string? _notMounted;
    private TestJournal _journal = null!;
    private AppFactory? _host;
    private HttpClient _client = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string Filler => Path.Combine(_mount, "filler");

    public async ValueTask InitializeAsync()
    {
        var (code, error) = await Run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", _mount);
        if (code != 0)
        {
            _notMounted = $"mount -t tmpfs refused (exit {code}): {error.Trim()}";
            return;
        }
        _journal = TestJournal.SqliteIn(_mount);
        _host = new AppFactory(_journal, new RecordingAlertSink(), _source, new Dictionary<string, string?> { ["Api:AdminKey"] = AdminKey });
        _client = _host.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            _client.Dispose();
            await _host.DisposeAsync();
            SqliteConnection.ClearAllPools();
        }
        if (_notMounted is null)
            await Run("umount", "-l", _mount);
        Directory.Delete(_mount, recursive: true);
    }

    [Fact]
    public async Task Should_report_a_full_disk_and_heal_when_space_comes_back_losing_nothing_acknowledged()
    {
        if (_notMounted is not null)
            Assert.Skip(_notMounted);
        var acknowledged = new List<string>();
        await Eventually.Holds(async () => Assert.Equal(HttpStatusCode.OK, await Ready()), TimeSpan.FromSeconds(30), Cancel);
        Assert.Equal(HttpStatusCode.Created, await Watch("aaaaaaaaaa1", acknowledged));
        _source.Write(Sample(0, 1_000));
        await Eventually.Holds(() => Assert.Equal(1, _journal.SamplesPersisted()), TimeSpan.FromSeconds(30), Cancel);

        var filled = Fill();
        // SQLite writes into room its files already hold (the WAL is reused after a checkpoint), so the first writes on
        // a full disk may still succeed: keep changing the watchlist until the journal refuses one.
        var tried = 0;
        HttpStatusCode refused = default;
        while (refused == default && tried < 5_000)
        {
            var status = await Watch($"full{tried++:D7}", acknowledged);
            if (!IsSuccess(status))
                refused = status;
        }
        Assert.NotEqual(default, refused);
        Assert.NotEqual(HttpStatusCode.InternalServerError, refused);
        await Eventually.Holds(async () => Assert.Equal(HttpStatusCode.ServiceUnavailable, await Ready()), TimeSpan.FromSeconds(30), Cancel);
        _source.Write(Sample(2, 3_000)); // offered while writes fail: it must be there once they work

        File.Delete(Filler);
        var clock = Stopwatch.StartNew();
        await Eventually.Holds(async () => Assert.Equal(HttpStatusCode.OK, await Ready()), TimeSpan.FromSeconds(60), Cancel);
        var ready = clock.Elapsed;
        await Eventually.Holds(async () => Assert.Equal(HttpStatusCode.Created, await Watch("cccccccccc3", acknowledged)),
            TimeSpan.FromSeconds(60), Cancel);
        var watchlist = clock.Elapsed;
        await Eventually.Holds(() => Assert.Equal(2, _journal.SamplesPersisted()), TimeSpan.FromSeconds(60), Cancel);
        var samples = clock.Elapsed;

        var listed = await _client.GetFromJsonAsync<JsonElement>("/watchlist", Cancel);
        var ids = listed.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToHashSet();
        var lost = acknowledged.Count(id => !ids.Contains(id));
        var figure = $"FIGURE SQLite on a full tmpfs ({filled / 1024.0 / 1024.0:0.0} MiB filler): the journal refused a watchlist change after " +
            $"{tried} tries ({(int)refused}); space back -> ready {ready.TotalSeconds:0.0} s, watchlist {watchlist.TotalSeconds:0.0} s, " +
            $"the sample offered while full persisted {samples.TotalSeconds:0.0} s; {acknowledged.Count} acknowledged, {lost} lost";
        Console.WriteLine(figure);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "yta-figures.txt"), figure + "\n");
        Assert.Equal(0, lost);
        Assert.Contains("cccccccccc3", ids);
        ReliabilityFigures.Record(Category, "SQLite journal on a full filesystem, then space again: acknowledged watchlist changes and samples",
            acknowledged.Count + 2, acknowledged.Count - lost + 2, lost, 0);
    }

    /// <summary>Writes a file until the filesystem has no byte left (ENOSPC); returns its size.</summary>
    private long Fill()
    {
        var chunk = new byte[64 * 1024];
        using var file = new FileStream(Filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        foreach (var size in new[] { chunk.Length, 4096, 512 })
        {
            try
            {
                while (true)
                    file.Write(chunk, 0, size);
            }
            catch (IOException)
            {
                // No space for this size: try a smaller one, so that what is left is below a page.
            }
        }
        return file.Length;
    }

    private static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;

    private async Task<HttpStatusCode> Ready()
    {
        using var response = await _client.GetAsync("/health/ready", Cancel);
        return response.StatusCode;
    }

    private async Task<HttpStatusCode> Watch(string videoId, List<string> acknowledged)
    {
        using var response = await _client.PostAsJsonAsync("/watchlist", new { id = videoId }, Cancel);
        if (response.IsSuccessStatusCode)
            acknowledged.Add(videoId);
        return response.StatusCode;
    }

    private static VideoStatsObserved Sample(int minute, long views) =>
        new("videoFull1", "UCfull", "A video", "A channel", T0.AddDays(-3), views, views / 20, views / 200, T0.AddMinutes(minute), SampleSources.YouTube);

    private static async Task<(int Code, string Error)> Run(string file, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            var error = await process.StandardError.ReadToEndAsync(Cancel);
            await process.WaitForExitAsync(Cancel);
            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
