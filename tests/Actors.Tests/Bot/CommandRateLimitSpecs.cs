using YouTubeAnalytics.Actors.Bot;

namespace YouTubeAnalytics.Actors.Tests.Bot;

public sealed class CommandRateLimitSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Should_allow_the_limit_answer_slow_down_once_and_drop_the_rest_of_the_minute()
    {
        var limit = new CommandRateLimit(3);
        var flood = Enumerable.Range(0, 10)
            .Select(i => limit.Check(new BotUpdate(i, 5, "/help", FromUserId: 42), T0.AddSeconds(i)))
            .ToList();

        Assert.Equal(
            [CommandRateLimit.Verdict.Allow, CommandRateLimit.Verdict.Allow, CommandRateLimit.Verdict.Allow, CommandRateLimit.Verdict.SlowDown],
            flood.Take(4));
        Assert.All(flood.Skip(4), v => Assert.Equal(CommandRateLimit.Verdict.Drop, v));
        Assert.Equal(CommandRateLimit.Verdict.Allow, limit.Check(new BotUpdate(11, 5, "/help", FromUserId: 43), T0.AddSeconds(10))); // another user
        Assert.Equal(CommandRateLimit.Verdict.Allow, limit.Check(new BotUpdate(12, 5, "/help", FromUserId: 42), T0.AddSeconds(61)));
    }
}
