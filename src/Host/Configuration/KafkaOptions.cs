using YouTubeAnalytics.Streams.Kafka;

namespace YouTubeAnalytics.Host.Configuration;

public sealed class KafkaOptions
{
    public const string Section = "Kafka";
    public const string IngestRole = "ingest";
    public const string ProcessRole = "process";

    /// <summary>Empty: embedded mode, the poller feeds the shards directly.</summary>
    public string? BootstrapServers { get; set; }

    public string RawTopic { get; set; } = KafkaSettings.DefaultRawTopic;
    public string ProcessedTopic { get; set; } = KafkaSettings.DefaultProcessedTopic;
    public string DeadLetterTopic { get; set; } = KafkaSettings.DefaultDeadLetterTopic;
    public string GroupId { get; set; } = KafkaSettings.DefaultGroupId;
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(45);
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(3);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(BootstrapServers);

    public KafkaSettings ToSettings() => new(BootstrapServers!, RawTopic, ProcessedTopic, DeadLetterTopic, GroupId)
    {
        SessionTimeout = SessionTimeout,
        HeartbeatInterval = HeartbeatInterval,
    };
}
