using System.Net.Http.Json;
using System.Text.Json;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Live;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Api.Tests.YouTube;

/// <summary>
/// A broadcast through the real host polling the fake YouTube (liveStreamingDetails as the reference shapes it): upcoming,
/// then live, the host stopped and started again on the same SQLite journal file mid-stream, then ended. One go-live alert,
/// the peak kept across the restart, one "ended" alert carrying it.
/// </summary>
public sealed class LiveBroadcastHostSpecs : IAsyncLifetime
{
    private const string VideoId = "jfKfPfyJRdk";
    private static readonly DateTimeOffset Scheduled = DateTimeOffset.UtcNow.AddMinutes(1);

    private readonly TestJournal _journal = TestJournal.Sqlite();
    private FakeYouTubeServer _youtube = null!;
    private DateTimeOffset? _wentLive;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _youtube = await FakeYouTubeServer.StartAsync();
        _youtube.Videos[VideoId] = new FakeVideo(0, 0, 0, DateTimeOffset.UtcNow.AddHours(-1))
        {
            LiveBroadcastContent = "upcoming",
            ScheduledStartTime = Scheduled,
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _youtube.DisposeAsync();
        _journal.Dispose();
    }

    private AppFactory Host(RecordingAlertSink sink) => new(_journal, sink, source: null, new Dictionary<string, string?>
    {
        ["YouTube:ApiKey"] = FakeYouTubeServer.ValidKey,
        ["YouTube:BaseUrl"] = _youtube.BaseUrl,
        ["YouTube:PollInterval"] = "00:00:02",
        ["YouTube:LiveInterval"] = "00:00:01",
        ["Watch:Videos:0"] = VideoId,
    });

    private void OnAir(long viewers, long views) => _youtube.Videos[VideoId] = _youtube.Videos[VideoId] with
    {
        Views = views,
        LiveBroadcastContent = "live",
        ActualStartTime = _wentLive ??= DateTimeOffset.UtcNow,
        ConcurrentViewers = viewers,
    };

    private static async Task<JsonElement> Live(HttpClient client)
    {
        var stats = await client.GetFromJsonAsync<JsonElement>($"/videos/{VideoId}/stats", Cancel);
        return stats.GetProperty("live");
    }

    private static IEnumerable<Breach> LiveBreaches(params RecordingAlertSink[] sinks) =>
        sinks.SelectMany(s => s.Delivered).SelectMany(a => a.Breaches).Where(b => b.Rule.StartsWith("live:", StringComparison.Ordinal));

    [Fact]
    public async Task Should_announce_a_stream_once_and_keep_its_peak_across_a_restart_until_it_ends()
    {
        var first = new RecordingAlertSink();
        await using (var host = Host(first))
        {
            using var client = host.CreateClient();
            await Eventually.Holds(async () =>
                Assert.Equal("upcoming", (await Live(client)).GetProperty("liveBroadcastContent").GetString()), cancellationToken: Cancel);

            OnAir(viewers: 120, views: 300);
            await Eventually.Holds(() =>
            {
                var started = Assert.Single(LiveBreaches(first));
                Assert.Equal(LiveBroadcast.StartedRule, started.Rule);
                Assert.Equal(120, started.Current);
            }, cancellationToken: Cancel);

            OnAir(viewers: 900, views: 600);
            await Eventually.Holds(async () =>
                Assert.Equal(900, (await Live(client)).GetProperty("peakConcurrentViewers").GetInt64()), cancellationToken: Cancel);
            OnAir(viewers: 450, views: 800);
            await Eventually.Holds(async () =>
            {
                var live = await Live(client);
                Assert.Equal(450, live.GetProperty("concurrentViewers").GetInt64());
                Assert.Equal(900, live.GetProperty("peakConcurrentViewers").GetInt64());
            }, cancellationToken: Cancel);
        }

        // The same node again on the same journal file, the stream still on air with fewer viewers than its peak.
        OnAir(viewers: 300, views: 900);
        var second = new RecordingAlertSink();
        await using (var host = Host(second))
        {
            using var client = host.CreateClient();
            await Eventually.Holds(async () =>
            {
                var live = await Live(client);
                Assert.Equal(300, live.GetProperty("concurrentViewers").GetInt64());
                Assert.Equal(900, live.GetProperty("peakConcurrentViewers").GetInt64());
            }, cancellationToken: Cancel);

            var ended = DateTimeOffset.UtcNow;
            _youtube.Videos[VideoId] = _youtube.Videos[VideoId] with
            {
                Views = 1_000,
                LiveBroadcastContent = "none",
                ConcurrentViewers = null,
                ActualEndTime = ended,
            };
            await Eventually.Holds(() =>
            {
                var end = Assert.Single(LiveBreaches(second));
                Assert.Equal(LiveBroadcast.EndedRule, end.Rule);
                Assert.Equal(900, end.Current);
            }, cancellationToken: Cancel);
            await Eventually.Holds(async () =>
            {
                var live = await Live(client);
                Assert.Equal("none", live.GetProperty("liveBroadcastContent").GetString());
                Assert.Equal(900, live.GetProperty("peakConcurrentViewers").GetInt64());
                Assert.NotEqual(JsonValueKind.Null, live.GetProperty("actualEndTime").ValueKind);
            }, cancellationToken: Cancel);
        }

        Assert.Equal([LiveBroadcast.StartedRule, LiveBroadcast.EndedRule], LiveBreaches(first, second).Select(b => b.Rule));
    }
}
