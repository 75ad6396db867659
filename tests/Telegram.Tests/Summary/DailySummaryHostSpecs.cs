using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using YouTubeAnalytics.Actors.Alerts.Summary;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Telegram.Tests.Summary;

/// <summary>
/// The real host with Telegram:DailySummaryAt on a fake clock (the host's TimeProvider): with a token and the bot's
/// commands off the summary reaches the fake Bot API at its time, once, and a host restarted on the same journal does
/// not send it again; without a token it is written to the log.
/// </summary>
public sealed class DailySummaryHostSpecs : IAsyncLifetime
{
    private const long Chat = 5150;
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);
    private readonly TestJournal _journal = TestJournal.Sqlite();
    private readonly FakeTimeProvider _clock = new(Monday);
    private FakeTelegramServer _telegram = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _telegram = await FakeTelegramServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _telegram.DisposeAsync();
        _journal.Dispose();
    }

    private AppFactory Host()
    {
        var host = new AppFactory(_journal, null, new ChannelVideoStatsSource(), new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = FakeTelegramServer.Token,
            ["Telegram:ChatId"] = Chat.ToString(CultureInfo.InvariantCulture),
            ["Telegram:ApiBaseUrl"] = _telegram.BaseUrl,
            ["Telegram:Commands"] = "false",
            ["Telegram:DailySummaryAt"] = "08:00 UTC",
        }, configureServices: services => services.AddSingleton<TimeProvider>(_clock));
        host.CreateClient().Dispose();
        return host;
    }

    private static async Task<ChatSummarySchedule?> Chat5150(AppFactory host)
    {
        var actor = await host.Services.GetRequiredService<IRequiredActor<DailySummaryActor>>().GetAsync(Cancel);
        var state = await actor.Ask<DailySummaryState>(DailySummaryCommands.GetState.Instance, TimeSpan.FromSeconds(5), Cancel);
        return state.Chats.GetValueOrDefault(Chat);
    }

    private static IEnumerable<AcceptedMessage> Summaries(FakeTelegramServer telegram) =>
        telegram.Accepted.Where(m => m.ChatId == Chat && m.Text.StartsWith("<b>Daily summary", StringComparison.Ordinal));

    [Fact]
    public async Task Should_send_the_configured_daily_summary_once_across_a_restart_without_bot_commands()
    {
        await using (var host = Host())
        {
            await Eventually.Holds(async () => Assert.Equal("08:00 UTC", (await Chat5150(host))?.Schedule?.ToString()), TimeSpan.FromSeconds(30), Cancel);
            Assert.Empty(Summaries(_telegram));

            _clock.Advance(TimeSpan.FromHours(1)); // 08:00 UTC
            await Eventually.Holds(() => Assert.Single(Summaries(_telegram)), TimeSpan.FromSeconds(30), Cancel);
            Assert.StartsWith("<b>Daily summary, 2026-03-02</b>", Summaries(_telegram).Single().Text);
            Assert.Contains("<b>Totals</b>: 0 videos tracked", Summaries(_telegram).Single().Text);
            await Eventually.Holds(async () => Assert.Equal(new DateOnly(2026, 3, 2), (await Chat5150(host))?.LastSentDay),
                TimeSpan.FromSeconds(30), Cancel);
        }

        _clock.Advance(TimeSpan.FromHours(1));
        await using (var restarted = Host())
        {
            await Eventually.Holds(async () => Assert.Equal(new DateOnly(2026, 3, 2), (await Chat5150(restarted))?.LastSentDay),
                TimeSpan.FromSeconds(30), Cancel);
            // One step to Tuesday 08:00 (two steps could race the scheduler's next wake-up); Monday's must not come again.
            _clock.Advance(TimeSpan.FromHours(23));
            await Eventually.Holds(() => Assert.Equal(2, Summaries(_telegram).Count()), TimeSpan.FromSeconds(30), Cancel);
            Assert.StartsWith("<b>Daily summary, 2026-03-03</b>", Summaries(_telegram).Last().Text);
            Assert.Equal(["<b>Daily summary, 2026-03-02</b>", "<b>Daily summary, 2026-03-03</b>"],
                Summaries(_telegram).Select(m => m.Text.Split('\n')[0]));
        }
    }

    [Fact]
    public async Task Should_write_the_summary_to_the_log_without_a_bot_token()
    {
        using var logs = new CapturedLogs();
        await using var host = new AppFactory(_journal, null, new ChannelVideoStatsSource(), new Dictionary<string, string?>
        {
            ["Telegram:DailySummaryAt"] = "08:00 Europe/London",
            ["Logging:LogLevel:YouTubeAnalytics.Streams.Alerts"] = "Information",
        }, logs, services => services.AddSingleton<TimeProvider>(_clock));
        host.CreateClient().Dispose();
        var actor = await host.Services.GetRequiredService<IRequiredActor<DailySummaryActor>>().GetAsync(Cancel);
        await Eventually.Holds(async () => Assert.NotNull(
            (await actor.Ask<DailySummaryState>(DailySummaryCommands.GetState.Instance, TimeSpan.FromSeconds(5), Cancel)).Chats[0].Schedule),
            TimeSpan.FromSeconds(30), Cancel);

        _clock.Advance(TimeSpan.FromHours(1)); // 08:00 in London (UTC in March)

        await Eventually.Holds(() => Assert.Single(logs.Lines, l => l.Contains("DAILY SUMMARY 2026-03-02 for chat 0: Daily summary, 2026-03-02", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), Cancel);
        Assert.Contains(logs.Lines, l => l.Contains("Totals: 0 videos tracked, +0 views, 0 alerts in the last 24 h", StringComparison.Ordinal));
        Assert.Empty(_telegram.Accepted);
    }
}
