using Microsoft.Extensions.Time.Testing;
using YouTubeAnalytics.Streams.Telegram;

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
