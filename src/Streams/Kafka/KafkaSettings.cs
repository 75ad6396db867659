using Confluent.Kafka;

namespace YouTubeAnalytics.Streams.Kafka;

/// <summary>Where the Kafka transport connects, its topics and consumer group, and the consumer's tunables.</summary>
public sealed record KafkaSettings(
    string BootstrapServers,
    string RawTopic = KafkaSettings.DefaultRawTopic,
    string ProcessedTopic = KafkaSettings.DefaultProcessedTopic,
    string DeadLetterTopic = KafkaSettings.DefaultDeadLetterTopic,
    string GroupId = KafkaSettings.DefaultGroupId)
{
    public const string DefaultRawTopic = "youtube-raw-data";
    public const string DefaultProcessedTopic = "youtube-processed-data";
    public const string DefaultDeadLetterTopic = "youtube-dead-letter";
    public const string DefaultGroupId = "youtube-analytics-processors";

    /// <summary>How long the group waits for a silent member (a crashed node) before it reassigns its partitions.</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(45);

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Acked offsets are committed at least this often (and at every revoke and stop).</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>...or as soon as this many records were acked since the last commit.</summary>
    public int CommitBatch { get; init; } = 500;

    /// <summary>
    /// Records asked into the shards at once. Higher than the embedded poller's: the records come from many
    /// videos, and more of them in flight lets the journal batch their writes. 1,024 was measured (scripts/bench.sh,
    /// issue 17): no gain in steady state on 2 cores, and journal writes queued past the circuit breaker's timeout
    /// when the machine was loaded.
    /// </summary>
    public int Parallelism { get; init; } = 64;

    /// <summary>
    /// Records fetched but not yet handed downstream; the consumer stops fetching when this is full. Small on
    /// purpose: a revoke waits for all of them, and a member that takes too long to rejoin is dropped from the group.
    /// </summary>
    public int BufferSize { get; init; } = 200;

    /// <summary>How long a revoke or a stop waits for the records in flight to be acked before it commits.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>An idempotent producer with acks=all: a retried send is never written twice, a write is on every replica.</summary>
    public ProducerConfig ProducerConfig() => new()
    {
        BootstrapServers = BootstrapServers,
        EnableIdempotence = true,
        Acks = Acks.All,
        LingerMs = 5,
        ClientId = "youtube-analytics",
    };

    /// <summary>A consumer that neither commits nor stores offsets by itself: the committable source does both.</summary>
    public ConsumerConfig ConsumerConfig() => new()
    {
        BootstrapServers = BootstrapServers,
        GroupId = GroupId,
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        SessionTimeoutMs = (int)SessionTimeout.TotalMilliseconds,
        HeartbeatIntervalMs = (int)HeartbeatInterval.TotalMilliseconds,
        PartitionAssignmentStrategy = PartitionAssignmentStrategy.Range,
        ClientId = "youtube-analytics",
    };
}
