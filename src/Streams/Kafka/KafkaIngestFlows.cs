using System.Text;
using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Streams.Ingest;

namespace YouTubeAnalytics.Streams.Kafka;

public static class KafkaIngestFlows
{
    /// <summary>The poller's side: each sample to the raw topic, keyed by its videoId; emits once the broker has it.</summary>
    public static Flow<VideoStatsObserved, object, NotUsed> PublishSamples(
        IProducer<byte[]?, byte[]?> producer, string rawTopic, int parallelism) =>
        Flow.Create<VideoStatsObserved>()
            .Select(sample => new ProducerRecord(rawTopic, RawMessage(sample)))
            .Via(KafkaProducerStages.Flow(producer, parallelism))
            .Select(delivered => (object)new SamplePublished(
                Encoding.UTF8.GetString(delivered.Message.Key!), DateTimeOffset.UtcNow));

    public static Message<byte[]?, byte[]?> RawMessage(VideoStatsObserved sample) =>
        new() { Key = Encoding.UTF8.GetBytes(sample.VideoId), Value = VideoStatsObservedCodec.Encode(sample) };

    /// <summary>
    /// The processing side: raw records into the video shards. A valid record is asked into its VideoActor, a
    /// refused one is produced to the dead-letter topic; either way its offset is acked to the consumer only after
    /// that (the actor's ack comes after the persist), in order, so a commit never passes a record not yet durable.
    /// Emits the actors' answers (SampleAccepted / SampleIgnored) and the dead-letter delivery results.
    /// </summary>
    public static Source<object, NotUsed> RawToShards(
        CommittableConsumer consumer, IActorRef videoRegion, IProducer<byte[]?, byte[]?> producer,
        string deadLetterTopic, IngestSettings settings) =>
        consumer.Records()
            .Select(RawRecordDecoder.Decode)
            .SelectAsync(settings.Parallelism, async decoded => decoded switch
            {
                DecodedRecord.Valid valid => (decoded.Record, Outcome: await IngestFlows.OfferAsync(
                    videoRegion, valid.Sample, settings.AskTimeout, settings.MaxAttempts).ConfigureAwait(false)),
                DecodedRecord.Rejected rejected => (decoded.Record, Outcome: (object)await producer.ProduceAsync(
                    deadLetterTopic, DeadLetters.For(rejected)).ConfigureAwait(false)),
                _ => throw new InvalidOperationException($"unexpected {decoded.GetType().Name}"),
            })
            .Select(done =>
            {
                consumer.Ack(done.Record.Offset);
                if (done.Outcome is DeliveryResult<byte[]?, byte[]?>) Actors.Metrics.PipelineMeter.DeadLetterWritten();
                return done.Outcome;
            });
}
