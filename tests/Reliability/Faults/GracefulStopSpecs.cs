using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Reliability.Tests.Faults;

/// <summary>
/// A graceful stop (what SIGTERM does: the host's StopAsync, Akka's coordinated shutdown) in the middle of a round
/// over thousands of watched videos: samples flow as each videos.list call returns, and the stop drains them, so every
/// sample YouTube served is persisted (fault suite, "partial failures").
/// </summary>
public sealed class GracefulStopSpecs : IAsyncLifetime
{
    private const int Videos = 3_000;

    private readonly TestJournal _journal = TestJournal.Sqlite();
    private FakeYouTubeServer _youtube = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _youtube = await FakeYouTubeServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _youtube.DisposeAsync();
        _journal.Dispose();
    }

    private int Served => _youtube.ServedSamples.Values.Sum();

    [Fact]
    public async Task Should_persist_every_fetched_sample_when_stopped_mid_round()
    {
        var settings = new Dictionary<string, string?>
        {
            ["YouTube:ApiKey"] = FakeYouTubeServer.ValidKey,
            ["YouTube:BaseUrl"] = _youtube.BaseUrl,
            ["YouTube:PollInterval"] = "01:00:00", // one round: what is persisted comes from the round that was stopped
            ["Logging:LogLevel:Akka"] = "Information",
        };
        for (var i = 0; i < Videos; i++)
        {
            var id = $"drain{i:D6}";
            _youtube.Videos[id] = new FakeVideo(100_000 + i, 10, 1, DateTimeOffset.UtcNow.AddDays(-30));
            settings[$"Watch:Videos:{i}"] = id;
        }
        _youtube.VideosListLatency = TimeSpan.FromMilliseconds(100); // 60 calls: a round of several seconds

        var logs = new CapturedLogs();
        await using (var host = new AppFactory(_journal, new RecordingAlertSink(), source: null, settings, logs))
        {
            using var client = host.CreateClient();
            // Samples persisted while the round goes on (they used to wait for its end), then the stop mid-round.
            await Eventually.Holds(() => Assert.True(Served >= 500 && _journal.SamplesPersisted() > 0, $"{Served} samples served"),
                TimeSpan.FromSeconds(120), Cancel);
        } // the graceful stop

        var served = Served;
        var persisted = _journal.SamplesPersisted();
        Assert.True(served < Videos, $"stopped mid-round: {served} of {Videos} served");
        Assert.Contains(logs.Lines, l => l.Contains("drained", StringComparison.Ordinal));
        Assert.Equal(served, persisted);
        ReliabilityFigures.Record("partial failures", $"graceful stop mid-round, {Videos} videos watched: samples persisted of fetched",
            served, persisted, Math.Max(0, served - persisted), Math.Max(0, persisted - served));
    }
}
