using Akka.Actor;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Telegram.Bot;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Alerts.Summary;
using YouTubeAnalytics.Actors.ReadSide;
using YouTubeAnalytics.Actors.Resilience;
using YouTubeAnalytics.Streams.Telegram;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Telegram.Tests.Summary;

/// <summary>
/// The daily summary scheduled on a fake clock, sent through the real <see cref="TelegramSender"/> to the fake Bot API
/// on loopback, and a scheduler restarted on the same journal.
/// </summary>
public sealed class DailySummarySendSpecs(ITestOutputHelper output)
    : Akka.TestKit.Xunit.TestKit("akka.persistence.journal.plugin = \"akka.persistence.journal.inmem\"", output)
{
    private const long Chat = 4242;
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Monday);
    private FakeTelegramServer _telegram = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _telegram = await FakeTelegramServer.StartAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await _telegram.DisposeAsync();
        await base.DisposeAsync();
    }

    private IActorRef Start()
    {
        var options = new TelegramBotClientOptions(FakeTelegramServer.Token, _telegram.BaseUrl) { RetryCount = 1, RetryThreshold = 0 };
        var sender = new TelegramSender(
            new TelegramBotClient(options, new HttpClient { Timeout = TimeSpan.FromSeconds(5) }), new TelegramThrottle(),
            TelegramRetrySettings.Default with { MinBackoff = TimeSpan.FromMilliseconds(100) },
            NullLogger<TelegramSender>.Instance, TimeProvider.System);
        SummarySchedule.TryParse("08:00 Europe/London", out var schedule, out _);
        var settings = new DailySummarySettings([Chat], schedule, new BackoffPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4)));
        return Sys.ActorOf(DailySummaryActor.PropsFor(settings, new TelegramSummarySink(sender, new Figures()), _clock));
    }

    private Task Holds(Action assertion) => AwaitAssertAsync(assertion, TimeSpan.FromSeconds(10), cancellationToken: Cancel);

    private async Task<DateOnly?> LastSent(IActorRef actor) =>
        (await actor.Ask<DailySummaryState>(DailySummaryCommands.GetState.Instance, TimeSpan.FromSeconds(5), Cancel)).Chats[Chat].LastSentDay;

    [Fact]
    public async Task Should_send_the_summary_to_the_chat_at_its_time_once_across_a_restart()
    {
        var actor = Start();
        Assert.Null(await LastSent(actor));
        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Empty(_telegram.Accepted);

        _clock.Advance(TimeSpan.FromMinutes(1)); // 08:00 in London (UTC in March)
        await Holds(() => Assert.Single(_telegram.Accepted));
        var message = _telegram.Accepted.Single();
        Assert.Equal(Chat, message.ChatId);
        Assert.StartsWith("<b>Daily summary, 2026-03-02</b>", message.Text);
        Assert.Contains("<a href=\"https://youtu.be/dQw4w9WgXcQ\">Never &lt;Gonna&gt;</a> +54,321 views", message.Text);
        await AwaitAssertAsync(async () => Assert.NotNull(await LastSent(actor)), TimeSpan.FromSeconds(10), cancellationToken: Cancel);

        Watch(actor);
        Sys.Stop(actor);
        await ExpectTerminatedAsync(actor, cancellationToken: Cancel);
        _clock.Advance(TimeSpan.FromHours(1));
        var restarted = Start();
        Assert.Equal(new DateOnly(2026, 3, 2), await LastSent(restarted));
        _clock.Advance(TimeSpan.FromHours(22)); // 07:00 on Tuesday
        Assert.Equal(new DateOnly(2026, 3, 2), await LastSent(restarted));
        Assert.Single(_telegram.Accepted);

        _clock.Advance(TimeSpan.FromHours(1));
        await Holds(() => Assert.Equal(2, _telegram.Accepted.Count)); // Tuesday's
        Assert.StartsWith("<b>Daily summary, 2026-03-03</b>", _telegram.Accepted.Last().Text);
    }

    private sealed class Figures : IDailyFiguresSource
    {
        public Task<DailyFigures> ReadAsync(DateTimeOffset until, CancellationToken cancellationToken) => Task.FromResult(new DailyFigures(
            until, [new VideoMover("dQw4w9WgXcQ", "Never <Gonna>", 2_000_000, 54_321)], Array.Empty<Alert>(), 1, 54_321));
    }
}
