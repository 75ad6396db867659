using System.Text;
using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Persistence;
using YouTubeAnalytics.Streams.Ingest;

namespace YouTubeAnalytics.Streams.Kafka;

public static class KafkaIngestFlows
{
    /// <summary>The poller's side: each sample to the raw topic, keyed by its videoId; emits Published once the broker has it.</summary>
    public static Flow<VideoStatsObserved, IngestOutcome, NotUsed> PublishSamples(
        IProducer<byte[]?, byte[]?> producer, string rawTopic, int parallelism, TimeProvider time) =>
        Flow.Create<VideoStatsObserved>()
            .Select(sample => new ProducerRecord(rawTopic, RawMessage(sample)))
            .Via(KafkaProducerStages.Flow(producer, parallelism))
            .Select(delivered => (IngestOutcome)new IngestOutcome.Published(
                Encoding.UTF8.GetString(delivered.Message.Key!), time.GetUtcNow()));

    /// <summary>The channel sampler's side: each channel sample to the same raw topic, keyed by its channelId, kind "channel".</summary>
    public static Flow<ChannelStatsObserved, IngestOutcome, NotUsed> PublishChannelStats(
        IProducer<byte[]?, byte[]?> producer, string rawTopic, int parallelism, TimeProvider time) =>
        Flow.Create<ChannelStatsObserved>()
            .Select(sample => new ProducerRecord(rawTopic, RawMessage(sample)))
            .Via(KafkaProducerStages.Flow(producer, parallelism))
            .Select(delivered => (IngestOutcome)new IngestOutcome.Published(
                Encoding.UTF8.GetString(delivered.Message.Key!), time.GetUtcNow()));

    public static Message<byte[]?, byte[]?> RawMessage(ChannelStatsObserved sample) =>
        new() { Key = Encoding.UTF8.GetBytes(sample.ChannelId), Value = ChannelStatsObservedCodec.Encode(sample) };

    public static Message<byte[]?, byte[]?> RawMessage(VideoStatsObserved sample) =>
        new() { Key = Encoding.UTF8.GetBytes(sample.VideoId), Value = VideoStatsObservedCodec.Encode(sample) };

    /// <summary>
    /// The processing side: raw records into the video (and channel) shards. A valid record is asked into its actor, a
    /// refused one is produced to the dead-letter topic; either way its offset is acked to the consumer only after
    /// that (the actor's ack comes after the persist), in order, so a commit never passes a record not yet durable.
    /// Emits an outcome per record: Accepted / Ignored from the actors, DeadLettered for a refused record. An offer's
    /// retry waits run on <paramref name="time"/> (the system clock when not given).
    /// </summary>
    public static Source<IngestOutcome, NotUsed> RawToShards(
        CommittableConsumer consumer, IActorRef videoRegion, IProducer<byte[]?, byte[]?> producer,
        string deadLetterTopic, IngestSettings settings, CancellationToken cancellationToken = default, JournalWriteSignal? journal = null,
        TimeProvider? time = null, IActorRef? channelRegion = null) =>
        consumer.Records()
            .Select(RawRecordDecoder.Decode)
            .SelectAsync(settings.Parallelism, async decoded => decoded switch
            {
                DecodedRecord.Valid valid => (decoded.Record, Outcome: await IngestFlows.OfferAsync(
                    videoRegion, valid.Sample, settings, time ?? TimeProvider.System, cancellationToken, journal).ConfigureAwait(false)),
                DecodedRecord.ValidChannel channel when channelRegion is not null => (decoded.Record, Outcome: await IngestFlows.OfferAsync(
                    channelRegion, channel.Sample, settings, time ?? TimeProvider.System, cancellationToken, journal).ConfigureAwait(false)),
                DecodedRecord.ValidChannel channel => (decoded.Record, Outcome: await DeadLetterAsync(
                    producer, deadLetterTopic, new DecodedRecord.Rejected(channel.Record, "this consumer hosts no channels"),
                    cancellationToken).ConfigureAwait(false)),
                DecodedRecord.Rejected rejected => (decoded.Record, Outcome: await DeadLetterAsync(
                    producer, deadLetterTopic, rejected, cancellationToken).ConfigureAwait(false)),
                _ => throw new InvalidOperationException($"unexpected {decoded.GetType().Name}"),
            })
            .Select(done =>
            {
                consumer.Ack(done.Record.Offset);
                return done.Outcome;
            });

    private static async Task<IngestOutcome> DeadLetterAsync(
        IProducer<byte[]?, byte[]?> producer, string deadLetterTopic, DecodedRecord.Rejected rejected, CancellationToken cancellationToken)
    {
        await producer.ProduceAsync(deadLetterTopic, DeadLetters.For(rejected), cancellationToken).ConfigureAwait(false);
        Actors.Metrics.PipelineMeter.DeadLetterWritten();
        return new IngestOutcome.DeadLettered(rejected.Error);
    }
}
