using Akka.Actor;
using YouTubeAnalytics.Actors.Persistence;
using Microsoft.Extensions.Time.Testing;
using YouTubeAnalytics.Actors.Bot;
using YouTubeAnalytics.Actors.Tests.Support;
using static YouTubeAnalytics.Actors.Tests.Support.Samples;

namespace YouTubeAnalytics.Actors.Tests.Bot;

/// <summary>The bot's polling backoff runs on its TimeProvider: a failed read is tried again only once that clock says so.</summary>
public sealed class TelegramBotBackoffSpecs(ITestOutputHelper output) : JournalSpec(JournalProvider.Sqlite, output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Should_read_updates_again_only_after_its_backoff_on_its_clock()
    {
        var time = new FakeTimeProvider(T0);
        var channel = new FailingChannel(failures: 2);
        var settings = TelegramBotSettings.For([1]) with { MinBackoff = TimeSpan.FromMinutes(1), MaxBackoff = TimeSpan.FromMinutes(10) };
        Sys.ActorOf(TelegramBotActor.PropsFor(settings, channel, new NoCommands(), new ChatPreferencesRegistry(), time));

        await AwaitAssertAsync(() => Assert.Equal(1, channel.Calls), Patience, cancellationToken: TestContext.Current.CancellationToken);
        ExpectNoMsg(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken); // real time passes, the bot's clock does not
        Assert.Equal(1, channel.Calls);

        time.Advance(TimeSpan.FromMinutes(1)); // the first backoff: MinBackoff
        await AwaitAssertAsync(() => Assert.Equal(2, channel.Calls), Patience, cancellationToken: TestContext.Current.CancellationToken);

        // The second read's failure reaches the bot and starts its backoff on the fake clock after the call returns:
        // let real time pass first, as above, so the clock is not advanced before the backoff's timer is set.
        ExpectNoMsg(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(1)); // the second doubles: one minute is not enough
        ExpectNoMsg(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        Assert.Equal(2, channel.Calls);
        time.Advance(TimeSpan.FromMinutes(1));
        await AwaitAssertAsync(() => Assert.Equal(3, channel.Calls), Patience, cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>Fails the first reads, then long-polls until the bot stops.</summary>
    private sealed class FailingChannel(int failures) : IBotChannel
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public string? Username => "test_bot";

        public async Task<IReadOnlyList<BotUpdate>> ReceiveAsync(long offset, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) <= failures)
                throw new HttpRequestException("Telegram is down");
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return [];
        }

        public Task ReplyAsync(long chatId, string html, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class NoCommands : IBotCommandHandler
    {
        public Task<BotOutcome> HandleAsync(BotUpdate update, BotCommand command, ChatSettings settings, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no update is received in this spec");
    }
}
