using Confluent.Kafka;
using YouTubeAnalytics.Host.Configuration;

namespace YouTubeAnalytics.Host.Pipeline;

/// <summary>
/// The process nodes' consumer lag on the raw topic: per partition, the high watermark minus the group's committed
/// offset (the whole partition when nothing is committed yet), summed. Read by a consumer that never subscribes, so
/// it does not join the group or cause a rebalance.
/// </summary>
public sealed class KafkaConsumerLag(KafkaOptions options)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public Task<long?> MeasureAsync(CancellationToken cancellationToken) => Task.Run(() =>
    {
        var settings = options.ToSettings();
        try
        {
            using var consumer = new ConsumerBuilder<Ignore, Ignore>(settings.ConsumerConfig()).Build();
            using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
            var topic = admin.GetMetadata(settings.RawTopic, Timeout).Topics.SingleOrDefault(t => t.Error.Code == ErrorCode.NoError);
            if (topic is null)
                return (long?)null;
            var partitions = topic.Partitions.Select(p => new TopicPartition(settings.RawTopic, p.PartitionId)).ToList();
            var committed = consumer.Committed(partitions, Timeout).ToDictionary(c => c.Partition.Value, c => c.Offset);
            long lag = 0;
            foreach (var partition in partitions)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var marks = consumer.QueryWatermarkOffsets(partition, Timeout);
                var from = committed.TryGetValue(partition.Partition.Value, out var c) && c.Value >= 0 ? c.Value : marks.Low.Value;
                lag += Math.Max(0, marks.High.Value - from);
            }
            return lag;
        }
        catch (KafkaException)
        {
            return null; // unknown, not zero: the brokers did not answer in time
        }
    }, cancellationToken);
}
