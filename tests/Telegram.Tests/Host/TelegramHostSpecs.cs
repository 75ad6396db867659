using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Hosting;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Telegram.Tests.Host;

/// <summary>The real host, configured with a bot token and chat, delivering to the fake Bot API on loopback.</summary>
public sealed partial class TelegramHostSpecs(ITestOutputHelper output) : IAsyncLifetime
{
    private const long Chat = 31337;
    private const int Videos = 50;
    private const int AlertsPerVideo = 10;
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddHours(-2);
    private readonly TestJournal _journal = TestJournal.Sqlite();
    private FakeTelegramServer _telegram = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _telegram = await FakeTelegramServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _telegram.DisposeAsync();
        _journal.Dispose();
    }

    private Dictionary<string, string?> Settings(string token = FakeTelegramServer.Token) => new()
    {
        ["Telegram:BotToken"] = token,
        ["Telegram:ChatId"] = Chat.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Telegram:ApiBaseUrl"] = _telegram.BaseUrl,
    };

    private static string VideoId(int video) => $"v{video:D10}";

    /// <summary>Views of a video at step k: +10% a step, so every step after the first raises one alert.</summary>
    private static long Views(int step) => (long)(2_000 * Math.Pow(1.1, step));

    /// <summary>A burst: every video's baseline, then each video rises ten times (500 alerts).</summary>
    private static void WriteBurst(ChannelVideoStatsSource source)
    {
        for (var step = 0; step <= AlertsPerVideo; step++)
        {
            for (var video = 0; video < Videos; video++)
            {
                source.Write(new VideoStatsObserved(
                    VideoId(video), "UCabc", $"Video {video} <&> \"best\"", "Channel", T0.AddDays(-1), Views(step), null, null,
                    T0.AddMinutes(step), SampleSources.YouTube));
            }
        }
    }

    /// <summary>The alerts a user sees in the chat, in the order they arrived: (video, views now).</summary>
    private List<(string Video, long Views)> AlertsInChat() =>
        _telegram.Accepted
            .SelectMany(m => AlertLine().Matches(m.Text).Select(x => (x.Groups[1].Value, long.Parse(x.Groups[2].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture))))
            .ToList();

    private static async Task<NotifierQueries.NotifierStatus> NotifierStatus(AppFactory host)
    {
        var notifier = await host.Registry.GetAsync<NotifierActor>(Cancel);
        return await notifier.Ask<NotifierQueries.NotifierStatus>(NotifierQueries.GetNotifierStatus.Instance, TimeSpan.FromSeconds(5), Cancel);
    }

    private void AssertEveryAlertOnceInOrder()
    {
        var seen = AlertsInChat();
        Assert.Equal(seen.Count, seen.Distinct().Count());
        for (var video = 0; video < Videos; video++)
        {
            var id = VideoId(video);
            Assert.Equal(Enumerable.Range(1, AlertsPerVideo).Select(Views), seen.Where(a => a.Video == id).Select(a => a.Views));
        }
    }

    [Fact]
    public async Task Should_deliver_a_burst_of_500_alerts_whole_in_order_as_digests_with_nothing_refused()
    {
        var source = new ChannelVideoStatsSource();
        await using var host = new AppFactory(_journal, null, source, Settings());
        host.CreateClient().Dispose();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        WriteBurst(source);

        await Eventually.Holds(() => Assert.Equal(Videos * AlertsPerVideo, AlertsInChat().Count), TimeSpan.FromMinutes(2), Cancel);
        output.WriteLine($"500 alerts delivered in {_telegram.Accepted.Count} messages, {clock.Elapsed.TotalSeconds:F1} s after the burst was written");
        AssertEveryAlertOnceInOrder();
        Assert.Empty(_telegram.Refused);
        Assert.All(_telegram.Accepted, m => Assert.Equal(Chat, m.ChatId));
        Assert.True(_telegram.Accepted.Count < 40, $"{_telegram.Accepted.Count} messages for 500 alerts");
        Assert.All(_telegram.Accepted, m => Assert.Contains("Video", m.Visible));
    }

    [Fact]
    public async Task Should_deliver_no_alert_twice_and_lose_none_when_the_host_stops_mid_burst()
    {
        _telegram.HoldAfter(3);
        var source = new ChannelVideoStatsSource();
        await using (var first = new AppFactory(_journal, null, source, Settings()))
        {
            first.CreateClient().Dispose();
            WriteBurst(source);

            // All alerts are raised, three messages are in, the fourth is on the wire, and what the three carried is recorded.
            await Eventually.Holds(async () =>
            {
                Assert.Equal(Videos * AlertsPerVideo, _journal.Scalar("select count(*) from tags where tag = 'alert'"));
                Assert.Equal(1, _telegram.Held);
                Assert.Equal(AlertsInChat().Count, (await NotifierStatus(first)).DeliveredCount);
            }, TimeSpan.FromMinutes(1), Cancel);
        }
        var beforeRestart = AlertsInChat().Count;
        Assert.InRange(beforeRestart, 3, Videos * AlertsPerVideo - 1);

        _telegram.Release();
        await using (var second = new AppFactory(_journal, null, new ChannelVideoStatsSource(), Settings()))
        {
            second.CreateClient().Dispose();
            await Eventually.Holds(() => Assert.Equal(Videos * AlertsPerVideo, AlertsInChat().Count), TimeSpan.FromMinutes(2), Cancel);
        }
        AssertEveryAlertOnceInOrder();
    }

    [Fact]
    public async Task Should_never_write_the_bot_token_in_a_log_line()
    {
        var logs = new CapturedLogs();
        var settings = Settings();
        settings["Logging:LogLevel:Default"] = "Trace";
        settings["Logging:LogLevel:System.Net.Http"] = "Trace";
        settings["Logging:LogLevel:Microsoft"] = "Trace";
        _telegram.Answer(1, 429, """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}""");
        _telegram.Answer(2, 500, """{"ok":false,"error_code":500,"description":"Internal Server Error"}""");
        _telegram.Answer(3, 400, """{"ok":false,"error_code":400,"description":"Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 1"}""");
        var source = new ChannelVideoStatsSource();
        await using (var host = new AppFactory(_journal, null, source, settings, logs))
        {
            host.CreateClient().Dispose();
            source.Write(
                new VideoStatsObserved(VideoId(1), null, "Token test", null, null, 2_000, null, null, T0, SampleSources.YouTube),
                new VideoStatsObserved(VideoId(1), null, "Token test", null, null, 2_500, null, null, T0.AddMinutes(1), SampleSources.YouTube));
            await Eventually.Holds(() => Assert.Single(_telegram.Accepted), TimeSpan.FromSeconds(30), Cancel);
        }

        Assert.Contains(_telegram.Paths, p => p.Contains(FakeTelegramServer.Token, StringComparison.Ordinal)); // it was on the wire
        Assert.Contains(logs.Lines, l => l.Contains("Alerts go to Telegram: 1 chat(s)", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("Telegram rate limit for chat", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("resending it as plain text", StringComparison.Ordinal));
        var secret = FakeTelegramServer.Token.Split(':')[1];
        Assert.DoesNotContain(logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
    }

    [GeneratedRegex("""youtu\.be/([A-Za-z0-9_-]{11})"[\s\S]*?[Nn]ow:? ([0-9,]+) views""")]
    private static partial Regex AlertLine();
}
