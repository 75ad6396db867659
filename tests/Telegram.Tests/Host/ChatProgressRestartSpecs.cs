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
/// Per-chat progress persisted by the notifier, through the real host on one journal and the fake Bot API: a chat
/// that blocked the bot beside a good chat, then a restart after it accepts again.
/// </summary>
public sealed partial class ChatProgressRestartSpecs(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Category = "partial failures";
    private const long Good = 111;
    private const long Bad = -222;
    private const int Alerts = 12;
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddHours(-1);
    private readonly TestJournal _journal = TestJournal.Sqlite();
    private FakeTelegramServer _telegram = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _telegram = await FakeTelegramServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _telegram.DisposeAsync();
        _journal.Dispose();
    }

    private Dictionary<string, string?> Settings(params long[] chats) => new()
    {
        ["Telegram:BotToken"] = FakeTelegramServer.Token,
        ["Telegram:ChatId"] = string.Join(",", (chats.Length > 0 ? chats : [Good, Bad]).Select(c => c.ToString(CultureInfo.InvariantCulture))),
        ["Telegram:ApiBaseUrl"] = _telegram.BaseUrl,
        ["Telegram:Commands"] = "false",
    };

    /// <summary>One video rising 10% a minute: every sample after the first raises one alert.</summary>
    private static VideoStatsObserved[] Samples(int first, int count) =>
        [.. Enumerable.Range(first, count).Select(step => new VideoStatsObserved(
            "vprogress01", null, "Progress", null, null, (long)(2_000 * Math.Pow(1.1, step)), null, null, T0.AddMinutes(step), SampleSources.YouTube))];

    /// <summary>The views each alert in a chat carried, in the order the chat saw them.</summary>
    private List<long> AlertsIn(long chat) =>
        [.. _telegram.Accepted.Where(m => m.ChatId == chat)
            .SelectMany(m => ViewsNow().Matches(m.Text).Select(x => long.Parse(x.Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture)))];

    private static async Task<NotifierQueries.NotifierStatus> Status(AppFactory host)
    {
        var notifier = await host.Registry.GetAsync<NotifierActor>(Cancel);
        return await notifier.Ask<NotifierQueries.NotifierStatus>(NotifierQueries.GetNotifierStatus.Instance, TimeSpan.FromSeconds(5), Cancel);
    }

    [Fact]
    public async Task Should_resend_nothing_the_good_chat_received_and_lose_nothing_the_parked_chat_was_owed_across_a_restart()
    {
        _telegram.RefuseChat(Bad);
        var source = new ChannelVideoStatsSource();
        var expected = Enumerable.Range(1, Alerts).Select(step => (long)(2_000 * Math.Pow(1.1, step))).ToList();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using (var first = new AppFactory(_journal, null, source, Settings()))
        {
            first.CreateClient().Dispose();
            source.Write(Samples(0, Alerts + 1));
            await Eventually.Holds(async () =>
            {
                Assert.Equal(Alerts, AlertsIn(Good).Count);
                var status = await Status(first);
                Assert.Equal(Alerts, status.DeliveredCount);
                Assert.Equal(Alerts, status.Owed?.GetValueOrDefault(TelegramAlertSink.Recipient(Bad)));
            }, TimeSpan.FromSeconds(60), Cancel);
        }
        var goodDelay = clock.Elapsed;
        Assert.Equal(expected, AlertsIn(Good)); // every alert, in order, with the bad chat parked
        Assert.Empty(AlertsIn(Bad));

        _telegram.AcceptChat(Bad);
        var before = _telegram.Accepted.Count(m => m.ChatId == Good);
        await using (var second = new AppFactory(_journal, null, new ChannelVideoStatsSource(), Settings()))
        {
            second.CreateClient().Dispose();
            await Eventually.Holds(async () =>
            {
                Assert.Equal(Alerts, AlertsIn(Bad).Count);
                Assert.Empty((await Status(second)).Owed ?? new Dictionary<string, int>());
            }, TimeSpan.FromSeconds(60), Cancel);
        }

        Assert.Equal(expected, AlertsIn(Bad));  // what it was owed, once, in journal order
        Assert.Equal(expected, AlertsIn(Good)); // nothing resent to the good chat
        Assert.Equal(before, _telegram.Accepted.Count(m => m.ChatId == Good));
        var good = AlertsIn(Good);
        var bad = AlertsIn(Bad);
        ReliabilityFigures.Record(Category, "403 chat beside a good one, restart after it accepts: alerts to the good chat",
            Alerts, good.Distinct().Count(), Alerts - good.Distinct().Count(), good.Count - good.Distinct().Count());
        ReliabilityFigures.Record(Category, "403 chat beside a good one, restart after it accepts: alerts to the parked chat",
            Alerts, bad.Distinct().Count(), Alerts - bad.Distinct().Count(), bad.Count - bad.Distinct().Count());
        output.WriteLine($"403 chat parked: good chat got {good.Count}/{Alerts} alerts, all delivered {goodDelay.TotalMilliseconds:F0} ms after the samples were written; after a restart the parked chat got {bad.Count}/{Alerts}, the good chat 0 again");
    }

    [Fact]
    public async Task Should_send_to_the_supergroup_at_once_after_a_restart_and_say_which_configured_chat_moved_where()
    {
        const long group = -1000;
        const long supergroup = -1001;
        _telegram.Migrate(group, supergroup);
        var source = new ChannelVideoStatsSource();
        await using (var first = new AppFactory(_journal, null, source, Settings(group)))
        {
            first.CreateClient().Dispose();
            source.Write(Samples(0, 2));
            await Eventually.Holds(() => Assert.Single(AlertsIn(supergroup)), TimeSpan.FromSeconds(30), Cancel);
        }
        Assert.Single(_telegram.Refused, r => r.ChatId == group); // the migration answer, followed once

        var logs = new CapturedLogs();
        var second = new AppFactory(_journal, null, source = new ChannelVideoStatsSource(), Settings(group), logs);
        await using (second)
        {
            using var client = second.CreateClient();
            source.Write(Samples(2, 1));
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

    [GeneratedRegex("""[Nn]ow:? ([0-9,]+) views""")]
    private static partial Regex ViewsNow();
}
