using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Streams.Ingest;

namespace YouTubeAnalytics.Streams.Demo;

/// <summary>The source used when no YouTube key is set: every interval, one sample of each simulated video.</summary>
public sealed class DemoSource(DemoCatalog catalog, TimeSpan interval, TimeProvider clock) : IVideoStatsSource
{
    public string Name => "demo";

    public Source<VideoStatsObserved, NotUsed> Open(CancellationToken draining) =>
        Samples(catalog, interval, clock, draining);

    /// <summary>Ticks drop while downstream is busy, so a slow journal never builds a backlog of stale samples.</summary>
    public static Source<VideoStatsObserved, NotUsed> Samples(DemoCatalog catalog, TimeSpan interval, TimeProvider clock,
        CancellationToken draining) =>
        Source.Tick(TimeSpan.Zero, interval, NotUsed.Instance)
            .MapMaterializedValue(_ => NotUsed.Instance)
            .Via(draining.AsFlow<NotUsed>(cancelGracefully: true))
            .SelectMany(_ => catalog.SamplesAt(clock.GetUtcNow()).ToList());
}
