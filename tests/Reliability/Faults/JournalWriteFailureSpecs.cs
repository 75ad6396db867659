using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Akka.Actor;
using Npgsql;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Reliability.Tests.Faults;

/// <summary>
/// PostgreSQL refuses every write (`ALTER DATABASE … SET default_transaction_read_only = on`, then its sessions are
/// cut so that the journal's new connections are read-only), later accepts them again. Oracle: readiness says 503 while
/// writes fail and 200 when they work; the watchlist singleton and the ingest pipeline resume by themselves (no restart);
/// every change the API acknowledged and every sample an actor acked is still there afterwards.
/// </summary>
public sealed class JournalWriteFailureSpecs : IAsyncLifetime
{
    private const string Category = "hostile answers and failure paths";
    private const string AdminKey = "fault-suite-admin-key-0123456789";
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddMinutes(-30);

    private readonly TestJournal _journal = TestJournal.PostgreSql();
    private readonly ChannelVideoStatsSource _source = new();
    private AppFactory _host = null!;
    private HttpClient _client = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _host = new AppFactory(_journal, new RecordingAlertSink(), _source, new Dictionary<string, string?> { ["Api:AdminKey"] = AdminKey });
        _client = _host.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        SetReadOnly(false);
        _client.Dispose();
        await _host.DisposeAsync();
        _journal.Dispose();
    }

    [Fact]
    public async Task Should_report_refused_writes_and_heal_by_itself_losing_nothing_acknowledged()
    {
        var acknowledged = new List<string>();
        await Eventually.Holds(async () => Assert.Equal(HttpStatusCode.OK, await Ready()), TimeSpan.FromSeconds(30), Cancel);
        Assert.Equal(HttpStatusCode.Created, await Watch("aaaaaaaaaa1", acknowledged));
        _source.Write(Sample("videoFault1", 0, 1_000));
        await Eventually.Holds(() => Assert.Equal(1, _journal.SamplesPersisted()), TimeSpan.FromSeconds(30), Cancel);

        SetReadOnly(true);
        await Eventually.Holds(async () => Assert.Equal(HttpStatusCode.ServiceUnavailable, await Ready()), TimeSpan.FromSeconds(30), Cancel);
        var refused = await Watch("bbbbbbbbbb2", acknowledged);
        Assert.NotEqual(HttpStatusCode.InternalServerError, refused);
        // A sample offered while writes fail: ingest keeps offering it (the actor cannot persist it), and it must be
        // in the journal soon after writes work again, not after the ingest's longest backoff.
        // Held until its write failed twice, so the ingest is past its first ask timeout and into its backoff.
        var failedWrites = FailedWritesOf("video-videoFault1");
        _source.Write(Sample("videoFault1", 2, 3_000));
        await Eventually.Holds(() => Assert.True(Volatile.Read(ref failedWrites.Value) >= 2, $"{Volatile.Read(ref failedWrites.Value)} failed writes"), TimeSpan.FromSeconds(60), Cancel);

        SetReadOnly(false);
        var clock = Stopwatch.StartNew();
        await Eventually.Holds(async () => Assert.Equal(HttpStatusCode.OK, await Ready()), TimeSpan.FromSeconds(60), Cancel);
        var ready = clock.Elapsed;
        await Eventually.Holds(async () => Assert.Equal(HttpStatusCode.Created, await Watch("cccccccccc3", acknowledged)),
            TimeSpan.FromSeconds(60), Cancel);
        var watchlist = clock.Elapsed;
        await Eventually.Holds(() => Assert.Equal(2, _journal.SamplesPersisted()), TimeSpan.FromSeconds(120), Cancel);
        var polling = clock.Elapsed;

        var listed = await _client.GetFromJsonAsync<JsonElement>("/watchlist", Cancel);
        var ids = listed.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToHashSet();
        var lost = acknowledged.Count(id => !ids.Contains(id));
        Assert.Equal(0, lost);
        Assert.Contains("cccccccccc3", ids);
        var figure = $"FIGURE PostgreSQL accepts writes again -> ready {ready.TotalSeconds:0.0} s, watchlist {watchlist.TotalSeconds:0.0} s, " +
            $"a sample offered during the outage (its write refused {Volatile.Read(ref failedWrites.Value)} times) persisted {polling.TotalSeconds:0.0} s; " +
            $"during the outage POST /watchlist answered {(int)refused}";
        Console.WriteLine(figure);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "yta-figures.txt"), figure + "\n");
        // The probe's accepted write (ready 200) is the ingest's resume signal: the held sample goes in at once, not
        // after its ask timeout (10 s) and backoff (up to 30 s).
        Assert.True(polling - ready < TimeSpan.FromSeconds(5), figure);
        ReliabilityFigures.Record(Category, "PostgreSQL refuses writes, then accepts them: acknowledged watchlist changes and samples",
            acknowledged.Count + 2, acknowledged.Count - lost + 2, lost, 0);
        ReliabilityFigures.Record(Category, "A sample offered while the journal refused writes persists within 5 s of the journal's return",
            1, 1, 0, 0);
    }

    /// <summary>Counts the journal's "Failed to persist" errors for one persistence id, as the actor system logs them.</summary>
    private StrongBox<int> FailedWritesOf(string persistenceId)
    {
        var count = new StrongBox<int>();
        var listener = _host.ActorSystem.ActorOf(Props.Create(() => new PersistFailureCounter(persistenceId, count)));
        _host.ActorSystem.EventStream.Subscribe(listener, typeof(Akka.Event.Error));
        return count;
    }

    private sealed class PersistFailureCounter : ReceiveActor
    {
        public PersistFailureCounter(string persistenceId, StrongBox<int> count) => Receive<Akka.Event.Error>(error =>
        {
            if (error.Message?.ToString() is { } text && text.Contains("Failed to persist", StringComparison.Ordinal)
                && text.Contains($"[{persistenceId}]", StringComparison.Ordinal))
                Interlocked.Increment(ref count.Value);
        });
    }

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

    private static VideoStatsObserved Sample(string videoId, int minute, long views) =>
        new(videoId, "UCfault", "A video", "A channel", T0.AddDays(-3), views, views / 20, views / 200, T0.AddMinutes(minute), SampleSources.YouTube);

    /// <summary>Switches the database to read-only (or back) and cuts its sessions, so every new one takes the setting.</summary>
    private void SetReadOnly(bool on)
    {
        var database = new NpgsqlConnectionStringBuilder(_journal.ConnectionString).Database!;
        var server = new NpgsqlConnectionStringBuilder(_journal.ConnectionString) { Database = "postgres", Pooling = false };
        using var connection = new NpgsqlConnection(server.ConnectionString);
        connection.Open();
        foreach (var sql in new[]
        {
            $"ALTER DATABASE {database} SET default_transaction_read_only = {(on ? "on" : "off")}",
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid()",
        })
        {
            using var command = new NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }
    }
}
