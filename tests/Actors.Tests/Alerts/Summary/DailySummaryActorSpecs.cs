using System.Collections.Concurrent;
using Akka.Actor;
using Microsoft.Extensions.Time.Testing;
using YouTubeAnalytics.Actors.Alerts.Summary;
using YouTubeAnalytics.Actors.Persistence;
using YouTubeAnalytics.Actors.Resilience;
using YouTubeAnalytics.Actors.Tests.Support;

namespace YouTubeAnalytics.Actors.Tests.Alerts.Summary;

/// <summary>The <see cref="DailySummaryActor"/> on a fake clock over the real SQLite journal: sent at its time, once a day, across restarts.</summary>
public sealed class DailySummaryActorSpecs(ITestOutputHelper output) : JournalSpec(JournalProvider.Sqlite, output)
{
    private const long Chat = -100123;
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Monday);

    private static DailySummarySettings Settings(string? at = "08:00") => new(
        [Chat], at is null ? null : SummarySchedule.TryParse(at, out var s, out _) ? s : throw new InvalidOperationException(at),
        new BackoffPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4)));

    private IActorRef Start(IDailySummarySink sink, string? at = "08:00") =>
        Sys.ActorOf(DailySummaryActor.PropsFor(Settings(at), sink, _clock));

    private static async Task<DailySummaryState> State(IActorRef actor) =>
        await actor.Ask<DailySummaryState>(DailySummaryCommands.GetState.Instance, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

    private Task Holds(Action assertion) =>
        AwaitAssertAsync(assertion, TimeSpan.FromSeconds(10), cancellationToken: TestContext.Current.CancellationToken);

    private Task Holds(Func<Task> assertion) =>
        AwaitAssertAsync(assertion, TimeSpan.FromSeconds(10), cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task Should_send_at_the_configured_time_and_not_again_after_a_restart()
    {
        var sink = new RecordingSummarySink();
        var actor = Start(sink);
        await State(actor); // recovered, configured, asleep until 08:00
        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Empty(sink.Sent);

        _clock.Advance(TimeSpan.FromMinutes(1));
        await Holds(() => Assert.Equal(new DateOnly(2026, 3, 2), Assert.Single(sink.Sent).Day));
        await Holds(async () => Assert.Equal(new DateOnly(2026, 3, 2), (await State(actor)).Chats[Chat].LastSentDay));
        await StopAsync(actor);

        _clock.Advance(TimeSpan.FromMinutes(5));
        var restarted = Start(sink);
        Assert.Equal(new DateOnly(2026, 3, 2), (await State(restarted)).Chats[Chat].LastSentDay);
        _clock.Advance(TimeSpan.FromHours(23)); // 07:05 on Tuesday: still Monday's summary only
        Assert.Equal(new DateOnly(2026, 3, 2), (await State(restarted)).Chats[Chat].LastSentDay);
        Assert.Single(sink.Sent);
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM journal WHERE manifest = 'daily-summary.sent.v1'"));
    }

    [Fact]
    public async Task Should_send_one_summary_for_the_days_missed_while_down()
    {
        var sink = new RecordingSummarySink();
        var actor = Start(sink);
        _clock.Advance(TimeSpan.FromHours(1));
        await Holds(() => Assert.Single(sink.Sent));
        await Holds(async () => Assert.NotNull((await State(actor)).Chats[Chat].LastSentDay));
        await StopAsync(actor);

        _clock.Advance(TimeSpan.FromDays(3)); // down until Thursday 08:00: Tuesday's, Wednesday's and Thursday's missed
        var restarted = Start(sink);

        await Holds(() => Assert.Equal(2, sink.Sent.Count));
        Assert.Equal(new DateOnly(2026, 3, 5), sink.Sent.Last().Day);
        await Holds(async () => Assert.Equal(new DateOnly(2026, 3, 5), (await State(restarted)).Chats[Chat].LastSentDay));
        Assert.Equal(2, sink.Sent.Count);
    }

    [Fact]
    public async Task Should_retry_a_failed_send_and_record_it_once_it_went_out()
    {
        var sink = new RecordingSummarySink { FailuresLeft = 1 };
        var actor = Start(sink);
        await State(actor);
        _clock.Advance(TimeSpan.FromHours(1));
        await Holds(() => Assert.Equal(1, sink.Attempts));
        Assert.Empty(sink.Sent);

        await Holds(() =>
        {
            _clock.Advance(TimeSpan.FromSeconds(1)); // the retry waits its backoff on the fake clock
            Assert.Single(sink.Sent);
        });
        await Holds(async () => Assert.NotNull((await State(actor)).Chats[Chat].LastSentDay));
    }

    [Fact]
    public async Task Should_follow_a_chats_own_schedule_over_the_configured_one()
    {
        var sink = new RecordingSummarySink();
        var actor = Start(sink);
        var set = await actor.Ask<DailySummaryCommands.ScheduleSet>(
            new DailySummaryCommands.SetSchedule(Chat, SummarySchedule.TryParse("09:30", out var s, out _) ? s : null), TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(Monday.AddHours(2.5), set.NextAt);
        await StopAsync(actor);

        var restarted = Start(sink); // the configuration still says 08:00: the chat's 09:30 holds
        await State(restarted);
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Empty(sink.Sent);
        _clock.Advance(TimeSpan.FromMinutes(30));
        await Holds(() => Assert.Single(sink.Sent));
    }

    private sealed class RecordingSummarySink : IDailySummarySink
    {
        private int _attempts;

        public ConcurrentQueue<DueSummary> Sent { get; } = new();

        public int FailuresLeft { get; set; }

        public int Attempts => Volatile.Read(ref _attempts);

        public Task SendAsync(DueSummary summary, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            if (FailuresLeft-- > 0)
                return Task.FromException(new HttpRequestException("telegram down"));
            Sent.Enqueue(summary);
            return Task.CompletedTask;
        }
    }
}
