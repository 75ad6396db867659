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

        var probe = YouTubeSources.Polling(Round, TimeSpan.FromMilliseconds(10), CancellationToken.None)
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

    [Fact]
    public void Should_emit_each_call_as_it_returns_and_complete_after_the_call_in_flight_when_draining()
    {
        using var draining = new CancellationTokenSource();
        var secondCall = new TaskCompletionSource<IReadOnlyList<int>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        async IAsyncEnumerable<IReadOnlyList<int>> Round([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
        {
            for (var call = 1; call <= 3 && !draining.IsCancellationRequested; call++)
            {
                Interlocked.Increment(ref calls);
                yield return call == 2 ? await secondCall.Task.WaitAsync(token) : [call * 10, call * 10 + 1];
            }
        }

        var probe = YouTubeSources.Polling(Round, TimeSpan.FromMilliseconds(10), draining.Token)
            .RunWith(this.SinkProbe<int>(), Sys.Materializer());
        probe.Request(10);
        // The first call's samples arrive while the second is still in flight.
        Assert.Equal(10, probe.ExpectNext(TestContext.Current.CancellationToken));
        Assert.Equal(11, probe.ExpectNext(TestContext.Current.CancellationToken));

        draining.Cancel();
        secondCall.SetResult([20, 21]);
        Assert.Equal(20, probe.ExpectNext(TestContext.Current.CancellationToken));
        Assert.Equal(21, probe.ExpectNext(TestContext.Current.CancellationToken));
        probe.ExpectComplete(TestContext.Current.CancellationToken);
        Assert.Equal(2, Volatile.Read(ref calls));
    }
}
