using System.Net.Http.Json;
using System.Text.Json;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.EndToEnd.Tests;

/// <summary>
/// PostgreSQL stopped for 30 s under a steady stream of samples, then started again: intake pauses with
/// backpressure and resumes by itself, no node is restarted, no sample is lost or persisted twice, and the
/// notifier still delivers afterwards (no actor left stuck by the outage).
/// </summary>
public sealed class JournalOutageSpecs : IDisposable
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);
    private readonly OwnedPostgresServer _server = new();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Should_pause_and_resume_intake_across_a_journal_outage_losing_nothing()
    {
        var journal = TestJournal.OnPostgres(_server.ConnectionString);
        var source = new ChannelVideoStatsSource();
        var sink = new RecordingAlertSink();
        await using var host = new AppFactory(journal, sink, source);
        using var client = host.CreateClient();
        var videos = Enumerable.Range(0, 10).Select(i => $"outage{i:D5}").ToArray();

        // A steady producer: every 100 ms one sample per video, counts rising by one (never an alert).
        var written = 0;
        long views = 100_000;
        using var producing = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var producer = Task.Run(async () =>
        {
            while (!producing.IsCancellationRequested)
            {
                var at = DateTimeOffset.UtcNow;
                views++;
                foreach (var id in videos)
                    source.Write(new VideoStatsObserved(id, "UCx", "Outage", "Ch", at.AddDays(-1), views, null, null, at, SampleSources.YouTube));
                Interlocked.Add(ref written, videos.Length);
                await Task.Delay(100, producing.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }, Cancel);

        long Persisted() => journal.SamplesPersisted();
        await Eventually.Holds(() => Assert.True(Persisted() > 100), TimeSpan.FromSeconds(60), Cancel);

        _server.Stop();
        await Eventually.Holds(async () =>
        {
            using var response = await client.GetAsync("/health", Cancel);
            var health = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
            Assert.Equal(503, (int)response.StatusCode);
            Assert.Equal("Unhealthy", health.GetProperty("checks").GetProperty("journal").GetProperty("status").GetString());
        }, TimeSpan.FromSeconds(20), Cancel);
        await Task.Delay(Outage, Cancel); // the outage itself: the database stays down this long
        _server.Start();

        // Intake resumes by itself; then the producer stops and everything written must be in the journal once.
        var resumedFrom = Persisted();
        await Eventually.Holds(() => Assert.True(Persisted() > resumedFrom + 100), TimeSpan.FromSeconds(120), Cancel);
        await producing.CancelAsync();
        await producer;
        await Eventually.Holds(() => Assert.Equal(Volatile.Read(ref written), Persisted()), TimeSpan.FromSeconds(120), Cancel);
        var persistedAfter = Persisted();
        var doubled = journal.Scalar("""
            select count(*) from (select persistence_id, sequence_number from journal group by 1, 2 having count(*) > 1) d
            """);
        Assert.Equal(0, doubled);

        // The notifier survived the outage: a fresh alert is delivered.
        var at = DateTimeOffset.UtcNow;
        source.Write(new VideoStatsObserved(videos[0], "UCx", "Outage", "Ch", at.AddDays(-1), views * 2, null, null, at, SampleSources.YouTube));
        await Eventually.Holds(() => Assert.Single(sink.Delivered), TimeSpan.FromSeconds(60), Cancel);
        ReliabilityFigures.Record("journal database stopped", $"samples across a {Outage.TotalSeconds:0} s PostgreSQL outage",
            Volatile.Read(ref written), persistedAfter, Volatile.Read(ref written) - persistedAfter, doubled);
        var raised = journal.Scalar("select count(*) from tags where tag = 'alert'");
        var deliveries = sink.Delivered.Select(a => a.AlertId).ToList();
        var delivered = deliveries.Distinct().Count();
        ReliabilityFigures.Record("journal database stopped", "alerts raised across the outage: delivered", raised, delivered,
            raised - delivered, deliveries.Count - delivered);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"journal outage of {Outage.TotalSeconds:0} s: {Volatile.Read(ref written)} samples written, {Persisted()} persisted, 0 duplicates, notifier delivering again");
    }
}
