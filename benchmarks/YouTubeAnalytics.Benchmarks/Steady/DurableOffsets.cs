using Confluent.Kafka;
using System.Diagnostics;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Benchmarks.Steady;

/// <summary>
/// The stop of both sides' clocks: a consumer group's committed offsets on the mock cluster. Each side commits an
/// offset only after the record is durable in PostgreSQL (ours: after the VideoActor's persist ack; the seed's design:
/// after its COMMIT), and both commit at most a second apart, so the same question costs neither side a query on
/// the database. The observer is not a member of the group: it only fetches the group's offsets.
/// </summary>
public sealed class DurableOffsets : IDisposable
{
    private readonly IConsumer<byte[]?, byte[]?> _observer;
    private readonly List<TopicPartition> _partitions;

    public DurableOffsets(MockKafkaCluster kafka, string topic, string groupId)
    {
        _observer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = groupId,
            EnableAutoCommit = false,
        }).Build();
        _partitions = Enumerable.Range(0, MockKafkaCluster.Partitions).Select(p => new TopicPartition(topic, p)).ToList();
    }

    /// <summary>The end of each partition now (the next offset to be written).</summary>
    public Dictionary<int, long> Ends() =>
        _partitions.ToDictionary(tp => tp.Partition.Value,
            tp => _observer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value);

    /// <summary>Polls the committed offsets every 20 ms until every partition's reaches <paramref name="ends"/>.</summary>
    public async Task UntilDurableAsync(IReadOnlyDictionary<int, long> ends, TimeSpan within, string what)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var committed = _observer.Committed(_partitions, TimeSpan.FromSeconds(10));
            var behind = committed.Sum(c => Math.Max(0, ends[c.Partition.Value] - Math.Max(0, c.Offset.Value)));
            if (behind == 0)
                return;
            if (watch.Elapsed > within)
                throw new TimeoutException($"{what}: {behind} records not yet durable after {within.TotalSeconds:F0} s");
            await Task.Delay(20);
        }
    }

    public void Dispose() => _observer.Dispose();
}
