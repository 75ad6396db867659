using Akka;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Streams.Dsl;
using Microsoft.Extensions.DependencyInjection;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Persistence;
using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Streams.Ingest;

public static class IngestHostingExtensions
{
    /// <summary>
    /// Runs the registered <see cref="IVideoStatsSource"/> as a cluster singleton, into the video shards or, when
    /// <paramref name="deliver"/> is given, through that flow (e.g. to the raw Kafka topic).
    /// </summary>
    public static AkkaConfigurationBuilder WithIngestPipeline(
        this AkkaConfigurationBuilder builder, IngestSettings settings, string? role = null,
        Func<IServiceProvider, Flow<VideoStatsObserved, object, NotUsed>>? deliver = null) =>
        builder.WithSingleton<IngestActor>(
            IngestActor.Name,
            (system, registry, resolver) => IngestActor.PropsFor(
                resolver.GetService<IVideoStatsSource>(),
                deliver?.Invoke(resolver.GetService<IServiceProvider>())
                    ?? IngestFlows.ToVideoShards(registry.Get<VideoRegion>(), settings.Parallelism, settings.AskTimeout, settings.MaxAttempts,
                        JournalWriteSignal.For(system)),
                settings),
            new ClusterSingletonOptions { Role = role },
            createProxyToo: true);
}
