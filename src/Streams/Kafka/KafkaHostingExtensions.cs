using Akka.Hosting;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using YouTubeAnalytics.Actors.Channels;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Actors.Persistence;
using YouTubeAnalytics.Streams.Ingest;

namespace YouTubeAnalytics.Streams.Kafka;

/// <summary>Marker for this node's raw-topic consumer pipeline in the ActorRegistry.</summary>
public sealed class KafkaConsumerPipeline
{
    public const string Name = "kafka-ingest";
}

public static class KafkaHostingExtensions
{
    /// <summary>The poller's delivery in Kafka mode: each sample to the raw topic (with the registered producer).</summary>
    public static DeliveryFlow ToRawTopic(KafkaSettings kafka, IngestSettings settings) =>
        (_, _, services, _) => KafkaIngestFlows.PublishSamples(
            services.GetRequiredService<IProducer<byte[]?, byte[]?>>(), kafka.RawTopic, settings.Parallelism,
            services.GetService<TimeProvider>() ?? TimeProvider.System);

    /// <summary>The channel sampler's delivery in Kafka mode: each channel sample to the same raw topic.</summary>
    public static ChannelDeliveryFlow ChannelsToRawTopic(KafkaSettings kafka, IngestSettings settings) =>
        (_, _, services, _) => KafkaIngestFlows.PublishChannelStats(
            services.GetRequiredService<IProducer<byte[]?, byte[]?>>(), kafka.RawTopic, settings.Parallelism,
            services.GetService<TimeProvider>() ?? TimeProvider.System);

    /// <summary>
    /// Consumes the raw topic into the video shards on this node, as one member of the consumer group (one per process
    /// node, so the partitions spread over the nodes); a restarted stream rejoins from the last commit. Refused records
    /// go to the dead-letter topic with the registered producer.
    /// </summary>
    public static AkkaConfigurationBuilder WithKafkaIngest(
        this AkkaConfigurationBuilder builder, KafkaSettings kafka, IngestSettings settings) =>
        builder.WithNodePipeline<KafkaConsumerPipeline>(KafkaConsumerPipeline.Name, settings, (system, registry, services) =>
        {
            var region = registry.Get<VideoRegion>();
            var channels = registry.Get<ChannelRegion>();
            var producer = services.GetRequiredService<IProducer<byte[]?, byte[]?>>();
            var consumerLogger = services.GetRequiredService<ILoggerFactory>().CreateLogger<CommittableConsumer>();
            var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
            return new PipelineDefinition(kafka.RawTopic, token => KafkaIngestFlows.RawToShards(
                new CommittableConsumer(kafka, kafka.RawTopic, consumerLogger, time), region, producer, kafka.DeadLetterTopic, settings, token,
                JournalWriteSignal.For(system), time, channels));
        });
}
