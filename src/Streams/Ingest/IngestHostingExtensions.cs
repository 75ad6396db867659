using Akka.Cluster.Hosting;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Streams.Ingest;

public static class IngestHostingExtensions
{
    /// <summary>Runs the registered <see cref="IVideoStatsSource"/> into the video shards, as a cluster singleton.</summary>
    public static AkkaConfigurationBuilder WithIngestPipeline(
        this AkkaConfigurationBuilder builder, IngestSettings settings, string? role = null) =>
        builder.WithSingleton<IngestActor>(
            IngestActor.Name,
            (_, registry, resolver) => IngestActor.PropsFor(
                resolver.GetService<IVideoStatsSource>(), registry.Get<VideoRegion>(), settings),
            new ClusterSingletonOptions { Role = role },
            createProxyToo: true);
}
