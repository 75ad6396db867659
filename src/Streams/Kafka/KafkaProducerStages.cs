using Akka;
using Akka.Streams.Dsl;
using Confluent.Kafka;

namespace YouTubeAnalytics.Streams.Kafka;

/// <summary>A message and the topic it goes to.</summary>
public sealed record ProducerRecord(string Topic, Message<byte[]?, byte[]?> Message);

/// <summary>
/// Producing as a stream stage. Backpressure: at most <c>parallelism</c> messages wait for their delivery report;
/// an element is emitted (or the sink pulls the next) only once the broker confirmed it (acks=all), and a failed
/// delivery fails the stream instead of being skipped.
/// </summary>
public static class KafkaProducerStages
{
    public static Flow<ProducerRecord, DeliveryResult<byte[]?, byte[]?>, NotUsed> Flow(
        IProducer<byte[]?, byte[]?> producer, int parallelism) =>
        Akka.Streams.Dsl.Flow.Create<ProducerRecord>()
            .SelectAsync(parallelism, record => producer.ProduceAsync(record.Topic, record.Message));

    public static Sink<ProducerRecord, Task<Done>> Sink(IProducer<byte[]?, byte[]?> producer, int parallelism) =>
        Flow(producer, parallelism).ToMaterialized(Akka.Streams.Dsl.Sink.Ignore<DeliveryResult<byte[]?, byte[]?>>(), Keep.Right);
}
