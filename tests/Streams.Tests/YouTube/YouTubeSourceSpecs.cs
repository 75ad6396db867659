using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Akka.TestKit.Xunit;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Streams.YouTube;

namespace YouTubeAnalytics.Streams.Tests.YouTube;

public sealed class YouTubeSourceSpecs : TestKit
{
    [Fact]
    public void Should_start_no_round_while_downstream_has_not_taken_the_last_one()
    {
        var rounds = 0;
        Task<IReadOnlyList<VideoStatsObserved>> Round(CancellationToken _)
        {
            var n = Interlocked.Increment(ref rounds);
            var sample = new VideoStatsObserved("dQw4w9WgXcQ", null, null, null, null, n, null, null, DateTimeOffset.UtcNow, SampleSources.YouTube);
            return Task.FromResult<IReadOnlyList<VideoStatsObserved>>([sample, sample with { ViewCount = n * 1000 }]);
        }

        var probe = YouTubeSources.Polling(Round, TimeSpan.FromMilliseconds(10))
            .RunWith(this.SinkProbe<VideoStatsObserved>(), Sys.Materializer());

        probe.Request(1);
        Assert.Equal(1, probe.ExpectNext(TestContext.Current.CancellationToken).ViewCount);
        // Many ticks pass while nothing more is requested: at most the round in flight has run, no backlog built up.
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
        Assert.InRange(Volatile.Read(ref rounds), 1, 2);
        probe.Request(2);
        Assert.Equal(1000, probe.ExpectNext(TestContext.Current.CancellationToken).ViewCount);
        Assert.Equal(2, probe.ExpectNext(TestContext.Current.CancellationToken).ViewCount);
        probe.Cancel();
    }
}
