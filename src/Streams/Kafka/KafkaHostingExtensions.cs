using Akka.Hosting;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Streams.Ingest;

namespace YouTubeAnalytics.Streams.Kafka;

/// <summary>Marker for this node's <see cref="KafkaIngestActor"/> in the ActorRegistry.</summary>
public sealed class KafkaIngest;

public static class KafkaHostingExtensions
{
    /// <summary>Consumes the raw topic into the video shards on this node (uses the registered producer for dead letters).</summary>
    public static AkkaConfigurationBuilder WithKafkaIngest(
        this AkkaConfigurationBuilder builder, KafkaSettings kafka, IngestSettings settings) =>
        builder.WithActors((system, registry, resolver) =>
        {
            var actor = system.ActorOf(KafkaIngestActor.PropsFor(
                kafka, registry.Get<VideoRegion>(), resolver.GetService<IProducer<byte[]?, byte[]?>>(), settings,
                resolver.GetService<ILoggerFactory>()), KafkaIngestActor.Name);
            registry.Register<KafkaIngest>(actor);
        });
}
