using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using YouTubeAnalytics.Actors.Alerts.Summary;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Telegram.Tests.Host;

/// <summary>
/// The real host with a bot token, talking with users through the fake Bot API: getUpdates long polling, commands
/// from the allowed chat only, answers in Telegram's HTML, settings that shape alerts and survive a restart.
/// </summary>
public sealed partial class TelegramBotSpecs : IAsyncLifetime
{
    private const long Chat = 31337;
    private const long Stranger = 666;
    private const string Video = "dQw4w9WgXcQ";
    private const string OtherVideo = "9bZkp7q19f0";
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

    private Dictionary<string, string?> Settings() => new()
    {
        ["Telegram:BotToken"] = FakeTelegramServer.Token,
        ["Telegram:ChatId"] = Chat.ToString(CultureInfo.InvariantCulture),
        ["Telegram:ApiBaseUrl"] = _telegram.BaseUrl,
        ["Telegram:PollTimeout"] = "00:00:05",
        ["Api:AdminKey"] = "bot-specs-admin-key-0123456789",
    };

    private AppFactory Host(
        ChannelVideoStatsSource? source = null, CapturedLogs? logs = null, string? chatIds = null, string? commandsPerMinute = null)
    {
        var settings = Settings();
        if (chatIds is not null)
            settings["Telegram:ChatId"] = chatIds;
        if (commandsPerMinute is not null)
            settings["Telegram:CommandsPerMinute"] = commandsPerMinute;
        var host = new AppFactory(_journal, null, source ?? new ChannelVideoStatsSource(), settings, logs);
        host.CreateClient().Dispose();
        return host;
    }

    /// <summary>An alert, one alone ("Now: 2,500 views") or a digest line ("now 2,500 views"), as opposed to an answer.</summary>
    private static bool IsAlert(AcceptedMessage m) => AlertTotals().IsMatch(m.Visible);

    /// <summary>
    /// A user writes in a chat and the bot's answer arrives: the one message that is not an alert the fake accepted
    /// for that chat after it (the alert chat also gets the alerts the samples raise meanwhile).
    /// </summary>
    private async Task<AcceptedMessage> Ask(long chat, string text)
    {
        var before = _telegram.Accepted.Count(m => m.ChatId == chat);
        _telegram.UserWrites(chat, text);
        AcceptedMessage? answer = null;
        await Eventually.Holds(
            () => answer = Assert.Single(_telegram.Accepted.Where(m => m.ChatId == chat).Skip(before), m => !IsAlert(m)),
            TimeSpan.FromSeconds(30), Cancel);
        return answer!;
    }

    [GeneratedRegex("[Nn]ow:? [0-9,]+ views")]
    private static partial Regex AlertTotals();

    private static VideoStatsObserved Sample(string video, string title, long views, int minute) =>
        new(video, "UCabc", title, "Channel <One>", T0.AddDays(-1), views, 10, null, T0.AddMinutes(minute), SampleSources.YouTube);

    private static async Task<JsonElement> Watchlist(AppFactory host)
    {
        using var http = host.CreateClient();
        return await http.GetFromJsonAsync<JsonElement>("/watchlist", Cancel);
    }

    [Fact]
    public async Task Should_watch_list_and_unwatch_from_the_allowed_chat_answering_in_html()
    {
        await using var host = Host();

        var watched = await Ask(Chat, $"/watch https://www.youtube.com/watch?v={Video}&t=42");
        Assert.Contains($"Now watching video {Video}", watched.Visible);
        Assert.Equal("html", watched.ParseMode, ignoreCase: true);
        Assert.Contains(Video, (await Watchlist(host)).GetRawText());

        Assert.Contains($"Already watching video {Video}", (await Ask(Chat, $"/watch@{FakeTelegramServer.BotUsername} {Video}")).Visible);
        var list = await Ask(Chat, "/list");
        Assert.Contains("Watching (1 videos polled)", list.Visible);
        Assert.Contains($"video {Video}", list.Visible);

        Assert.Contains($"Stopped watching video {Video}", (await Ask(Chat, $"/unwatch youtu.be/{Video}")).Visible);
        Assert.DoesNotContain(Video, (await Watchlist(host)).GetRawText());
        Assert.Contains("is not watched", (await Ask(Chat, $"/unwatch {Video}")).Visible);

        Assert.Contains("/watch <url or id>", (await Ask(Chat, "/help")).Visible);
        Assert.Contains("only youtube.com and youtu.be links", (await Ask(Chat, "/watch https://vimeo.com/1234")).Visible);
        Assert.Contains("I do not know /frobnicate", (await Ask(Chat, "/frobnicate")).Visible);
        Assert.Empty(_telegram.Refused);
        Assert.Equal(0, _telegram.PollConflicts);
    }

    [Fact]
    public async Task Should_show_a_parked_chat_with_its_reason_in_the_pipeline_status_while_the_other_chat_gets_the_alert()
    {
        const long blocked = 4711;
        _telegram.RefuseChat(blocked);
        var source = new ChannelVideoStatsSource();
        await using var host = Host(source, chatIds: $"{Chat},{blocked}");
        source.Write(Sample(Video, "Parked beside", 2_000, 0), Sample(Video, "Parked beside", 2_500, 1));

        await Eventually.Holds(() => Assert.Contains(_telegram.Accepted, m => m.ChatId == Chat && IsAlert(m)), TimeSpan.FromSeconds(30), Cancel);
        using var http = host.CreateClient();
        var chats = (await http.GetFromJsonAsync<JsonElement>("/pipeline/status", Cancel)).GetProperty("telegramChats");
        var parked = chats.EnumerateArray().Single(c => c.GetProperty("chatId").GetInt64() == blocked);
        Assert.Contains("blocked by the user", parked.GetProperty("parkedReason").GetString());
        Assert.Equal(1, parked.GetProperty("heldAlerts").GetInt32());
        var good = chats.EnumerateArray().Single(c => c.GetProperty("chatId").GetInt64() == Chat);
        Assert.Equal(JsonValueKind.Null, good.GetProperty("parkedReason").ValueKind);
        Assert.Equal(Chat, good.GetProperty("deliveredTo").GetInt64());
    }

    [Fact]
    public async Task Should_read_an_update_id_above_2_pow_31_and_handle_the_next_update()
    {
        await using var host = Host();
        _telegram.NextUpdateId(3_000_000_000); // Telegram.Bot 22 types update_id as int: this one used to fail every poll

        Assert.Contains("/watch", (await Ask(Chat, "/help")).Visible);
        Assert.Contains("/watch", (await Ask(Chat, "/help")).Visible);

        await Eventually.Holds(() => Assert.Equal(3_000_000_002, _telegram.ConfirmedOffset), TimeSpan.FromSeconds(15), Cancel);
        ReliabilityFigures.Record("partial failures", "update_id above 2^31 then another update: both answered", 2, 2, 0, 0);
    }

    [Fact]
    public async Task Should_keep_delivering_alerts_through_a_command_flood_from_the_alert_chat_and_answer_slow_down_once()
    {
        const int flood = 200, videos = 8;
        var source = new ChannelVideoStatsSource();
        await using var host = Host(source);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var lastCommand = 0L;
        for (var i = 0; i < flood; i++)
            lastCommand = _telegram.UserWrites(Chat, "/help");
        var ids = Enumerable.Range(0, videos).Select(i => $"vidflood{i:D3}").ToList();
        foreach (var id in ids)
            source.Write(Sample(id, $"Flooded {id}", 2_000, 0), Sample(id, $"Flooded {id}", 2_400, 1));

        await Eventually.Holds(
            () => Assert.All(ids, id => Assert.Contains(_telegram.Accepted, m => m.ChatId == Chat && IsAlert(m) && m.Visible.Contains(id, StringComparison.Ordinal))),
            TimeSpan.FromSeconds(45), Cancel);
        var alertsIn = clock.Elapsed;
        await Eventually.Holds(() => Assert.True(_telegram.ConfirmedOffset > lastCommand), TimeSpan.FromSeconds(30), Cancel); // all read
        // The answers go out after the alerts (alerts first within a chat), one a second: the slow down is the last of them.
        await Eventually.Holds(
            () => Assert.Single(_telegram.Accepted, m => m.ChatId == Chat && !IsAlert(m) && m.Visible.StartsWith("Slow down", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(45), Cancel);
        var answers = _telegram.Accepted.Where(m => m.ChatId == Chat && !IsAlert(m)).ToList();
        Assert.InRange(answers.Count, 2, 2 * 20 + 2); // at most Telegram:CommandsPerMinute (20) a minute, plus one slow down
        var delivered = ids.Count(id => _telegram.Accepted.Any(m => m.ChatId == Chat && IsAlert(m) && m.Visible.Contains(id, StringComparison.Ordinal)));
        ReliabilityFigures.Record("partial failures", "200 commands from the alert chat while alerts are raised: alerts delivered", videos, delivered, videos - delivered, 0);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"command flood: {delivered}/{videos} alerts delivered in {alertsIn.TotalSeconds:F1} s while {flood} /help were sent; {answers.Count} answers");
    }

    /// <summary>Alerts before answers within a chat: 200 commands with the per-user limit at its highest, while alerts are raised.</summary>
    [Fact]
    public async Task Should_deliver_the_alerts_ahead_of_a_flood_of_answers_in_the_same_chat()
    {
        const int Flood = 200, Videos = 8;
        var source = new ChannelVideoStatsSource();
        await using var host = Host(source, commandsPerMinute: "1000"); // the highest limit: it does not thin the flood
        for (var i = 0; i < Flood; i++)
            _telegram.UserWrites(Chat, "/help");
        // The bot is answering the flood (one answer a second in this chat) before any alert is raised.
        await Eventually.Holds(() => Assert.True(_telegram.Accepted.Count(m => m.ChatId == Chat) >= 2), TimeSpan.FromSeconds(30), Cancel);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ids = Enumerable.Range(0, Videos).Select(i => $"vidfirst{i:D3}").ToList();
        foreach (var id in ids)
        {
            source.Write(Sample(id, $"First {id}", 2_000, 0), Sample(id, $"First {id}", 2_400, 1));
        }
        await Eventually.Holds(
            () => Assert.All(ids, id => Assert.Contains(_telegram.Accepted, m => m.ChatId == Chat && IsAlert(m) && m.Visible.Contains(id, StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30), Cancel);
        var alertsIn = clock.Elapsed;

        var messages = _telegram.Accepted.Where(m => m.ChatId == Chat).ToList();
        var lastAlert = messages.FindLastIndex(IsAlert);
        var answersBefore = messages.Take(lastAlert).Count(m => !IsAlert(m));
        var answersAfter = messages.Skip(lastAlert + 1).Count(m => !IsAlert(m));
        Assert.True(answersBefore + answersAfter < Flood, "the answers had all gone out before the alerts"); // the flood still queued
        Assert.True(alertsIn < TimeSpan.FromSeconds(20), $"alerts waited {alertsIn} behind the answers");
        var delivered = ids.Count(id => messages.Any(m => IsAlert(m) && m.Visible.Contains(id, StringComparison.Ordinal)));
        ReliabilityFigures.Record("partial failures", "200 commands (no per-user limit) from the alert chat while alerts are raised: alerts delivered",
            Videos, delivered, Videos - delivered, 0);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"command flood, CommandsPerMinute 1000: {delivered}/{Videos} alerts delivered {alertsIn.TotalSeconds:F1} s after they were raised, with {answersBefore} answers sent before the last alert of the {Flood} queued");
    }

    [Fact]
    public async Task Should_set_and_stop_the_chats_daily_summary_and_say_why_a_time_is_refused()
    {
        await using var host = Host();

        Assert.Contains("a daily summary time is HH:MM", (await Ask(Chat, "/summary 25:00")).Visible);
        Assert.Contains("Mars/Olympus is not an IANA time zone", (await Ask(Chat, "/summary 08:00 Mars/Olympus")).Visible);
        Assert.Matches(@"A daily summary in this chat at 08:00 Europe/Berlin; the next at \d{4}-\d\d-\d\d \d\d:\d\d UTC\.",
            (await Ask(Chat, "/summary 8:00 Europe/Berlin")).Visible);
        var summary = await host.Services.GetRequiredService<IRequiredActor<DailySummaryActor>>().GetAsync(Cancel);
        var chat = (await summary.Ask<DailySummaryState>(DailySummaryCommands.GetState.Instance, TimeSpan.FromSeconds(5), Cancel)).Chats[Chat];
        Assert.Equal(("08:00 Europe/Berlin", true), (chat.Schedule?.ToString(), chat.ByChat)); // persisted by the summary's actor

        Assert.Equal("No daily summary in this chat any more.", (await Ask(Chat, "/summary off")).Visible);
        chat = (await summary.Ask<DailySummaryState>(DailySummaryCommands.GetState.Instance, TimeSpan.FromSeconds(5), Cancel)).Chats[Chat];
        Assert.Null(chat.Schedule);
    }

    [Fact]
    public async Task Should_show_a_videos_figures_with_its_title_escaped()
    {
        const string title = "<a href=\"https://evil.example\">click</a> & <<b>>";
        var source = new ChannelVideoStatsSource();
        await using var host = Host(source);
        source.Write(Sample(Video, title, 2_000, -60), Sample(Video, title, 2_500, 0)); // 500 views an hour

        await Eventually.Holds(async () => Assert.Contains("2,500", (await Ask(Chat, $"/stats {Video}")).Visible), TimeSpan.FromSeconds(30), Cancel);

        var stats = _telegram.Accepted.Last(m => m.ChatId == Chat && !IsAlert(m));
        Assert.Equal("html", stats.ParseMode, ignoreCase: true);
        Assert.Contains(title, stats.Visible);
        Assert.Contains("Channel <One>", stats.Visible);
        Assert.Contains("Sampled 2 times", stats.Visible);
        Assert.Contains("Next milestone: 10,000 views in ~15 hours", stats.Visible);
        Assert.DoesNotContain("evil.example\">", stats.Text);
        Assert.Contains("No figures for", (await Ask(Chat, $"/stats {OtherVideo}")).Visible);
        Assert.Empty(_telegram.Refused);
    }

    [Fact]
    public async Task Should_list_the_biggest_movers_from_the_read_side()
    {
        var source = new ChannelVideoStatsSource();
        await using var host = Host(source);
        source.Write(
            Sample("aaaaaaaaaaa", "Slow", 1_000, 0), Sample("aaaaaaaaaaa", "Slow", 1_100, 30),
            Sample("bbbbbbbbbbb", "Fast <b>", 5_000, 0), Sample("bbbbbbbbbbb", "Fast <b>", 9_000, 30),
            Sample("ccccccccccc", "Flat", 700, 0), Sample("ccccccccccc", "Flat", 700, 30));

        await Eventually.Holds(async () =>
        {
            var top = (await Ask(Chat, "/top")).Visible;
            Assert.Matches(@"1\. Fast <b> \+4,000 views \(9,000\)\s+2\. Slow \+100 views", top);
            Assert.DoesNotContain("Flat", top);
        }, TimeSpan.FromSeconds(30), Cancel);
        Assert.Empty(_telegram.Refused);
    }

    [Fact]
    public async Task Should_change_nothing_for_commands_from_a_chat_not_allowed()
    {
        var logs = new CapturedLogs();
        await using var host = Host(logs: logs);
        var before = (await Watchlist(host)).GetRawText();

        string[] hostile =
        [
            $"/watch {Video}", $"/unwatch {Video}", "/threshold 1", $"/mute {OtherVideo} 1w", "/list", $"/stats {Video}",
            "/top", "/help", "/watch https://evil.example/<script>", "/threshold -1; DROP TABLE journal",
        ];
        long last = 0;
        foreach (var text in hostile)
            last = _telegram.UserWrites(Stranger, text);

        // The allowed chat's next command is answered only after every earlier update was handled.
        Assert.Contains("Nothing is watched yet", (await Ask(Chat, "/list")).Visible);
        Assert.True(_telegram.ConfirmedOffset > last);
        var watchlistUnchanged = before == (await Watchlist(host)).GetRawText();
        var answeredToStranger = _telegram.Accepted.Count(m => m.ChatId == Stranger);
        var ignored = logs.Lines.Count(l => l.Contains($"Ignored an update from chat {Stranger}", StringComparison.Ordinal));
        Assert.True(watchlistUnchanged);
        Assert.Equal(0, answeredToStranger);
        Assert.Equal(hostile.Length, ignored);
        ReliabilityFigures.Record(
            "hostile Telegram input", "commands from chats not allowed", hostile.Length, ignored, answeredToStranger + (watchlistUnchanged ? 0 : 1), 0);
        Assert.Contains("gets every alert the node raises", (await Ask(Chat, "/threshold")).Visible);
    }

    [Fact]
    public async Task Should_keep_mutes_and_thresholds_across_a_restart_and_never_replay_a_command()
    {
        var source = new ChannelVideoStatsSource();
        await using (var first = Host(source))
        {
            Assert.Contains("muted in this chat until", (await Ask(Chat, $"/mute {Video} 2d")).Visible);
            Assert.Contains("at least 50%", (await Ask(Chat, "/threshold 50")).Visible);
            Assert.Contains("Now watching", (await Ask(Chat, $"/watch {OtherVideo}")).Visible);
        }
        var answersBefore = _telegram.Accepted.Count(m => m.ChatId == Chat);
        _telegram.ForgetConfirmations(); // as if the host had stopped before its next poll confirmed them

        source = new ChannelVideoStatsSource();
        await using var second = Host(source);
        // Muted video: +25% and a milestone; other video: +20% (under 50%), then +60% (over), then a milestone.
        source.Write(
            Sample(Video, "Muted one", 800, 0), Sample(Video, "Muted one", 1_000, 1),
            Sample(OtherVideo, "Other one", 2_000, 0), Sample(OtherVideo, "Other one", 2_400, 1),
            Sample(OtherVideo, "Other one", 3_840, 2), Sample(OtherVideo, "Other one", 10_000, 3));

        await Eventually.Holds(() => Assert.Contains(_telegram.Accepted, m => m.Visible.Contains("Passed 10,000 views")), TimeSpan.FromSeconds(60), Cancel);
        Assert.Contains("Watching (1 videos polled)", (await Ask(Chat, "/list")).Visible);

        var alerts = _telegram.Accepted.Where(IsAlert).Select(m => m.Visible).ToList();
        Assert.DoesNotContain(alerts, a => a.Contains("Muted one"));
        Assert.DoesNotContain(alerts, a => a.Contains("+20%"));
        Assert.Contains(alerts, a => a.Contains("+60%"));
        // The three commands before the restart were answered once each; after it only /list was.
        Assert.Equal(answersBefore + 1 + alerts.Count, _telegram.Accepted.Count(m => m.ChatId == Chat));
        Assert.Empty(_telegram.Refused);
    }
}
