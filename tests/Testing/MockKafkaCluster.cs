using Confluent.Kafka;
using YouTubeAnalytics.Streams.Kafka;

namespace YouTubeAnalytics.Testing;

/// <summary>
/// librdkafka's mock cluster: a Kafka protocol server on loopback that lives inside one producer handle (disposed
/// last). Topics auto-create with 4 partitions. Every client of the test and of the host connects over TCP.
/// </summary>
public sealed class MockKafkaCluster : IDisposable
{
    public const int Partitions = 4;

    private readonly IProducer<Null, string> _owner;

    public MockKafkaCluster()
    {
        var config = new ProducerConfig { BootstrapServers = "localhost:1" };
        config.Set("test.mock.num.brokers", "1");
        _owner = new ProducerBuilder<Null, string>(config).Build();
        using var admin = new DependentAdminClientBuilder(_owner.Handle).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        BootstrapServers = string.Join(",", metadata.Brokers.Select(b => $"{b.Host}:{b.Port}"));
    }

    public string BootstrapServers { get; }

    // The mock's group needs short timings: the 45 s default makes a re-join wait 44 s (see STACK.md).
    private static readonly TimeSpan SessionTimeout = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Client settings for a consumer the test runs itself against this cluster.</summary>
    public KafkaSettings ClientSettings() =>
        new(BootstrapServers) { SessionTimeout = SessionTimeout, HeartbeatInterval = HeartbeatInterval };

    /// <summary>Host settings for Kafka mode against this cluster, with the fast group timings the mock needs.</summary>
    public Dictionary<string, string?> HostSettings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = BootstrapServers,
            ["Kafka:SessionTimeout"] = SessionTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["Kafka:HeartbeatInterval"] = HeartbeatInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in extra)
            settings[key] = value;
        return settings;
    }

    public IProducer<byte[]?, byte[]?> NewProducer() =>
        new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
        }).Build();

    /// <summary>Reads a topic from the beginning to its current end, every partition, without joining a group.</summary>
    public List<ConsumeResult<byte[]?, byte[]?>> ReadAll(string topic)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        }).Build();
        var ends = Enumerable.Range(0, Partitions)
            .Select(p => new TopicPartition(topic, p))
            .ToDictionary(tp => tp, tp => consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value);
        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
        var pending = ends.Where(e => e.Value > 0).Select(e => e.Key).ToHashSet();
        if (pending.Count == 0)
            return records;
        consumer.Assign(pending.Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
                continue;
            records.Add(result);
            if (result.Offset.Value + 1 >= ends[result.TopicPartition])
                pending.Remove(result.TopicPartition);
        }
        return records;
    }

    /// <summary>For each partition of the topic: (committed offset of the group, end of the partition).</summary>
    public List<(int Partition, long Committed, long End)> CommittedVersusEnd(string topic, string groupId)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = groupId,
            EnableAutoCommit = false,
        }).Build();
        var partitions = Enumerable.Range(0, Partitions).Select(p => new TopicPartition(topic, p)).ToList();
        var committed = consumer.Committed(partitions, TimeSpan.FromSeconds(10));
        return committed.Select(c => (c.Partition.Value, c.Offset.Value,
            consumer.QueryWatermarkOffsets(c.TopicPartition, TimeSpan.FromSeconds(10)).High.Value)).ToList();
    }

    public void Dispose() => _owner.Dispose();
}
