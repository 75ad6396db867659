using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Hosting;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Streams.Telegram;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Telegram.Tests.Host;

/// <summary>
/// The real host, configured with a bot token and chat, delivering to the fake Bot API on loopback; per-chat progress
/// across a restart on the same journal.
/// </summary>
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
        // The stopped host's send on the wire is abandoned: wait until the fake has seen the client go (the abort
        // reaches Kestrel a moment after the host is disposed); released before that, it would count as delivered,
        // the ambiguous send the notifier cannot know about (docs/RELIABILITY.md, "duplicated").
        await Eventually.Holds(() => Assert.Equal(0, _telegram.Held), TimeSpan.FromSeconds(30), Cancel);

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

    // Per-chat progress persisted by the notifier: a chat that blocked the bot beside a good one, a migrated group.
    private const string Category = "partial failures";
    private const long Good = 111;
    private const long Bad = -222;
    private const int ProgressAlerts = 12;

    private Dictionary<string, string?> ChatSettings(params long[] chats)
    {
        var settings = Settings();
        settings["Telegram:ChatId"] = string.Join(",", chats.Select(c => c.ToString(CultureInfo.InvariantCulture)));
        settings["Telegram:Commands"] = "false";
        return settings;
    }

    /// <summary>One video rising 10% a minute: every sample after the first raises one alert.</summary>
    private static VideoStatsObserved[] ProgressSamples(int first, int count) =>
        [.. Enumerable.Range(first, count).Select(step => new VideoStatsObserved(
            "vprogress01", null, "Progress", null, null, Views(step), null, null, T0.AddMinutes(step), SampleSources.YouTube))];

    /// <summary>The views each alert in a chat carried, in the order the chat saw them.</summary>
    private List<long> AlertsIn(long chat) =>
        [.. _telegram.Accepted.Where(m => m.ChatId == chat)
            .SelectMany(m => AlertLine().Matches(m.Text).Select(x => long.Parse(x.Groups[2].Value.Replace(",", ""), CultureInfo.InvariantCulture)))];

    [Fact]
    public async Task Should_resend_nothing_the_good_chat_received_and_lose_nothing_the_parked_chat_was_owed_across_a_restart()
    {
        _telegram.RefuseChat(Bad);
        var source = new ChannelVideoStatsSource();
        var expected = Enumerable.Range(1, ProgressAlerts).Select(Views).ToList();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using (var first = new AppFactory(_journal, null, source, ChatSettings(Good, Bad)))
        {
            first.CreateClient().Dispose();
            source.Write(ProgressSamples(0, ProgressAlerts + 1));
            await Eventually.Holds(async () =>
            {
                Assert.Equal(ProgressAlerts, AlertsIn(Good).Count);
                var status = await NotifierStatus(first);
                Assert.Equal(ProgressAlerts, status.DeliveredCount);
                Assert.Equal(ProgressAlerts, status.Owed?.GetValueOrDefault(TelegramAlertSink.Recipient(Bad)));
            }, TimeSpan.FromSeconds(60), Cancel);
        }
        var goodDelay = clock.Elapsed;
        Assert.Equal(expected, AlertsIn(Good)); // every alert, in order, with the bad chat parked
        Assert.Empty(AlertsIn(Bad));

        _telegram.AcceptChat(Bad);
        var before = _telegram.Accepted.Count(m => m.ChatId == Good);
        await using (var second = new AppFactory(_journal, null, new ChannelVideoStatsSource(), ChatSettings(Good, Bad)))
        {
            second.CreateClient().Dispose();
            await Eventually.Holds(async () =>
            {
                Assert.Equal(ProgressAlerts, AlertsIn(Bad).Count);
                Assert.Empty((await NotifierStatus(second)).Owed ?? new Dictionary<string, int>());
            }, TimeSpan.FromSeconds(60), Cancel);
        }

        Assert.Equal(expected, AlertsIn(Bad));  // what it was owed, once, in journal order
        Assert.Equal(expected, AlertsIn(Good)); // nothing resent to the good chat
        Assert.Equal(before, _telegram.Accepted.Count(m => m.ChatId == Good));
        var good = AlertsIn(Good);
        var bad = AlertsIn(Bad);
        ReliabilityFigures.Record(Category, "403 chat beside a good one, restart after it accepts: alerts to the good chat",
            ProgressAlerts, good.Distinct().Count(), ProgressAlerts - good.Distinct().Count(), good.Count - good.Distinct().Count());
        ReliabilityFigures.Record(Category, "403 chat beside a good one, restart after it accepts: alerts to the parked chat",
            ProgressAlerts, bad.Distinct().Count(), ProgressAlerts - bad.Distinct().Count(), bad.Count - bad.Distinct().Count());
        output.WriteLine($"403 chat parked: good chat got {good.Count}/{ProgressAlerts} alerts, all delivered {goodDelay.TotalMilliseconds:F0} ms after the samples were written; after a restart the parked chat got {bad.Count}/{ProgressAlerts}, the good chat 0 again");
    }

    [Fact]
    public async Task Should_send_to_the_supergroup_at_once_after_a_restart_and_say_which_configured_chat_moved_where()
    {
        const long group = -1000;
        const long supergroup = -1001;
        _telegram.Migrate(group, supergroup);
        var source = new ChannelVideoStatsSource();
        await using (var first = new AppFactory(_journal, null, source, ChatSettings(group)))
        {
            first.CreateClient().Dispose();
            source.Write(ProgressSamples(0, 2));
            await Eventually.Holds(() => Assert.Single(AlertsIn(supergroup)), TimeSpan.FromSeconds(30), Cancel);
        }
        Assert.Single(_telegram.Refused, r => r.ChatId == group); // the migration answer, followed once

        var logs = new CapturedLogs();
        var second = new AppFactory(_journal, null, source = new ChannelVideoStatsSource(), ChatSettings(group), logs);
        await using (second)
        {
            using var client = second.CreateClient();
            source.Write(ProgressSamples(2, 1));
            await Eventually.Holds(() => Assert.Equal(2, AlertsIn(supergroup).Count), TimeSpan.FromSeconds(30), Cancel);

            var status = await client.GetFromJsonAsync<JsonElement>("/pipeline/status", Cancel);
            var chat = Assert.Single(status.GetProperty("telegramChats").EnumerateArray());
            Assert.Equal(group, chat.GetProperty("chatId").GetInt64());
            Assert.Equal(supergroup, chat.GetProperty("deliveredTo").GetInt64());
        }

        Assert.Single(_telegram.Refused, r => r.ChatId == group); // nothing sent to the old id after the restart
        Assert.Contains(logs.Lines, l => l.Contains($"Telegram chat {group} (Telegram:ChatId) moved to {supergroup} before this start", StringComparison.Ordinal));
        var sends = _telegram.Accepted.Count + _telegram.Refused.Count;
        ReliabilityFigures.Record(Category, "migrated group, restart: alerts to the supergroup", 2, AlertsIn(supergroup).Count, 2 - AlertsIn(supergroup).Count, 0);
        output.WriteLine($"migrated group across a restart: {sends} sendMessage calls for 2 alerts (1 to the old id before the restart, 0 after)");
    }

    [GeneratedRegex("""youtu\.be/([A-Za-z0-9_-]{11})"[\s\S]*?[Nn]ow:? ([0-9,]+) views""")]
    private static partial Regex AlertLine();
}
