using System.Diagnostics;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.EndToEnd.Tests;

/// <summary>
/// The surge rule through the whole pipeline: the real host polls the fake YouTube server over TCP every second,
/// with a 4-second window and a 16-second baseline set in configuration (the percent rule and milestones off).
/// </summary>
public sealed class VelocitySurgeSpecs : IAsyncLifetime
{
    private const string VideoId = "dQw4w9WgXcQ";
    private readonly TestJournal _journal = TestJournal.Sqlite();
    private readonly RecordingAlertSink _sink = new();
    private FakeYouTubeServer _youtube = null!;
    private AppFactory _factory = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _youtube = await FakeYouTubeServer.StartAsync();
        _youtube.Videos[VideoId] = new FakeVideo(1_000, null, null, DateTimeOffset.UtcNow); // fresh: polled every period
        _factory = new AppFactory(_journal, _sink, source: null, new Dictionary<string, string?>
        {
            ["YouTube:ApiKey"] = FakeYouTubeServer.ValidKey,
            ["YouTube:BaseUrl"] = _youtube.BaseUrl,
            ["YouTube:PollInterval"] = "00:00:01",
            ["Watch:Videos:0"] = VideoId,
            ["Alerts:ChangeThresholdPercent"] = "10000",
            ["Alerts:Milestones"] = "",
            ["Alerts:Velocity:Window"] = "00:00:04",
            ["Alerts:Velocity:Baseline"] = "00:00:16",
            ["Alerts:Velocity:Factor"] = "3",
            ["Alerts:Velocity:MinimumViews"] = "100",
        });
        _ = _factory.Services; // start the host
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _youtube.DisposeAsync();
        _journal.Dispose();
    }

    [Fact]
    public async Task Should_raise_one_surge_when_views_come_ten_times_faster_and_none_while_they_climb_steadily()
    {
        // Polling has begun (the host started, the first sample is the baseline) before the clock starts.
        await Eventually.Holds(() => Assert.True(_youtube.ServedSamples.GetValueOrDefault(VideoId) > 0), TimeSpan.FromSeconds(60), Cancel);

        // The views grow with wall time, as a real video's do: 20 a second for 16 s (four windows), then 200 until the
        // surge is delivered.
        var clock = Stopwatch.StartNew();
        double views = 1_000;
        var last = TimeSpan.Zero;
        async Task Grow(double perSecond)
        {
            var now = clock.Elapsed;
            views += (now - last).TotalSeconds * perSecond;
            last = now;
            _youtube.Videos[VideoId] = _youtube.Videos[VideoId] with { Views = (long)views };
            await Task.Delay(100, Cancel); // the time that passes is what the rule measures
        }

        var burstFrom = TimeSpan.FromSeconds(16);
        var deadline = burstFrom + TimeSpan.FromSeconds(30);
        while (_sink.Delivered.IsEmpty || clock.Elapsed < burstFrom)
        {
            var now = clock.Elapsed;
            Assert.True(now < deadline, "no surge delivered 30 s into the burst");
            Assert.True(now >= burstFrom || _sink.Delivered.IsEmpty, "no surge while the climb is steady");
            await Grow(now < burstFrom ? 20 : 200);
        }

        // The burst goes on for a few more polls: still one surge (it re-arms only once the rate fell back).
        var more = clock.Elapsed + TimeSpan.FromSeconds(3);
        while (clock.Elapsed < more)
            await Grow(200);
        var surge = Assert.Single(_sink.Delivered).Breaches.Single();
        Assert.Equal(VelocityRule.RuleName, surge.Rule);
        Assert.True(surge.UsualPerHour is > 20 * 3600 * 0.5 and < 20 * 3600 * 2, $"usual rate {surge.UsualPerHour}/h");
        Assert.True(surge.DeltaAbs >= 100);
        Assert.Contains("faster than usual", Streams.Alerts.AlertText.Describe(surge));
    }
}
