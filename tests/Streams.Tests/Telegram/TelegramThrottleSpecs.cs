using Microsoft.Extensions.Time.Testing;
using YouTubeAnalytics.Streams.Telegram;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Streams.Tests.Telegram;

public sealed class TelegramThrottleSpecs
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private TelegramThrottle Throttle(int groupPerMinute = 20, int globalPerSecond = 30) =>
        new(new TelegramLimits(TimeSpan.FromSeconds(1), groupPerMinute, globalPerSecond), _time);

    [Fact]
    public async Task Should_space_sends_to_one_chat_a_second_after_the_last_one_returned()
    {
        var throttle = Throttle();
        (await throttle.TakeTurnAsync(1, Cancel)).Dispose();

        var next = throttle.TakeTurnAsync(1, Cancel);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        (await next).Dispose();
    }

    [Fact]
    public async Task Should_not_hold_one_chat_back_for_another()
    {
        var throttle = Throttle();
        (await throttle.TakeTurnAsync(1, Cancel)).Dispose();

        var other = throttle.TakeTurnAsync(2, Cancel);

        Assert.True(other.IsCompletedSuccessfully);
        (await other).Dispose();
    }

    /// <summary>
    /// Moves fake time on in small steps until the turn is granted: a waiter handed the chat sets its timer on another
    /// thread, so one big step could come before the timer exists.
    /// </summary>
    private async Task<IDisposable> Granted(Task<IDisposable> turn)
    {
        await Eventually.Holds(
            () =>
            {
                if (!turn.IsCompleted)
                    _time.Advance(TimeSpan.FromMilliseconds(100));
                Assert.True(turn.IsCompleted);
            },
            TimeSpan.FromSeconds(10), Cancel);
        return await turn;
    }

    [Fact]
    public async Task Should_give_a_waiting_alert_the_chat_before_answers_that_queued_earlier()
    {
        var throttle = Throttle();
        var held = await throttle.TakeTurnAsync(1, SendPriority.Answer, Cancel);
        var answers = Enumerable.Range(0, 3).Select(_ => throttle.TakeTurnAsync(1, SendPriority.Answer, Cancel)).ToList();
        var alert = throttle.TakeTurnAsync(1, SendPriority.Alert, Cancel);

        held.Dispose();
        var alertTurn = await Granted(alert);
        Assert.All(answers, a => Assert.False(a.IsCompleted)); // every answer still waits behind it
        alertTurn.Dispose();

        for (var i = 0; i < answers.Count; i++)
        {
            var turn = await Granted(answers[i]); // then the answers, in the order they came
            Assert.All(answers.Skip(i + 1), a => Assert.False(a.IsCompleted));
            turn.Dispose();
        }
    }

    [Fact]
    public async Task Should_let_an_alert_ahead_of_an_answer_that_is_waiting_out_the_interval()
    {
        var throttle = Throttle();
        (await throttle.TakeTurnAsync(1, SendPriority.Answer, Cancel)).Dispose();
        var answer = throttle.TakeTurnAsync(1, SendPriority.Answer, Cancel); // holds the chat, due in a second
        _time.Advance(TimeSpan.FromMilliseconds(500));

        var alert = await Granted(throttle.TakeTurnAsync(1, SendPriority.Alert, Cancel));

        Assert.False(answer.IsCompleted); // it stepped back for the alert
        alert.Dispose();
        (await Granted(answer)).Dispose();
    }

    [Fact]
    public async Task Should_pass_the_chat_on_when_a_waiting_caller_gives_up()
    {
        var throttle = Throttle();
        var held = await throttle.TakeTurnAsync(1, Cancel);
        using var giveUp = new CancellationTokenSource();
        var cancelled = throttle.TakeTurnAsync(1, SendPriority.Alert, giveUp.Token);
        var answer = throttle.TakeTurnAsync(1, SendPriority.Answer, Cancel);

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        held.Dispose();
        (await Granted(answer)).Dispose();
    }

    [Fact]
    public async Task Should_pause_a_chat_for_retry_after()
    {
        var throttle = Throttle();
        throttle.Pause(1, TimeSpan.FromSeconds(17));

        var next = throttle.TakeTurnAsync(1, Cancel);
        _time.Advance(TimeSpan.FromSeconds(16));
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        (await next).Dispose();
    }

    [Fact]
    public async Task Should_hold_a_group_to_its_messages_per_minute()
    {
        var throttle = Throttle(groupPerMinute: 3);
        for (var i = 0; i < 3; i++)
        {
            var turn = throttle.TakeTurnAsync(-5, Cancel);
            _time.Advance(TimeSpan.FromSeconds(1));
            (await turn).Dispose();
        }

        // Sent at 1 s, 2 s and 3 s: the fourth may go a minute after the first, at 61 s.
        var fourth = throttle.TakeTurnAsync(-5, Cancel);
        _time.Advance(TimeSpan.FromSeconds(57));
        Assert.False(fourth.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        (await fourth).Dispose();
    }

    [Fact]
    public async Task Should_hold_all_chats_to_the_bot_wide_limit()
    {
        var throttle = Throttle(globalPerSecond: 2);
        (await throttle.TakeTurnAsync(1, Cancel)).Dispose();
        (await throttle.TakeTurnAsync(2, Cancel)).Dispose();

        var third = throttle.TakeTurnAsync(3, Cancel);
        Assert.False(third.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        (await third).Dispose();
    }
}
