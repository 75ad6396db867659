using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit;
using Microsoft.Extensions.Time.Testing;
using YouTubeAnalytics.Streams.Demo;

namespace YouTubeAnalytics.Streams.Tests.Demo;

public sealed class DemoSourceSpecs : TestKit
{
    [Fact]
    public async Task Should_emit_one_sample_per_video_per_tick()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        var source = new DemoSource(new DemoCatalog(5), TimeSpan.FromMilliseconds(20), clock);

        var samples = await source.Open(CancellationToken.None).Take(15).RunWith(Sink.Seq<YouTubeAnalytics.Actors.Contracts.VideoStatsObserved>(), Sys.Materializer());

        Assert.Equal(15, samples.Count);
        Assert.Equal(5, samples.Select(s => s.VideoId).Distinct().Count());
        Assert.Equal("demo", source.Name);
    }
}
