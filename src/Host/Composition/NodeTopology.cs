using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Alerts.Summary;
using YouTubeAnalytics.Actors.Bot;
using YouTubeAnalytics.Actors.Retention;
using YouTubeAnalytics.Actors.Watchlist;
using YouTubeAnalytics.Host.Configuration;
using YouTubeAnalytics.Streams.Ingest;

namespace YouTubeAnalytics.Host.Composition;

public enum PipelineMode
{
    /// <summary>The poller feeds the video shards directly; one process (or a cluster without roles) does everything.</summary>
    Embedded,

    /// <summary>The poller publishes to the raw topic; "process" nodes consume it into the shards.</summary>
    Kafka,
}

public enum SampleSourceKind
{
    Demo,
    YouTube,
}

/// <summary>Where the ingest singleton's samples go.</summary>
public enum SampleDelivery
{
    VideoShards,
    RawTopic,
}

/// <summary>Whether this node hosts video actors (a shard region) or reaches them on other nodes (a proxy).</summary>
public enum VideoPlacement
{
    Region,
    Proxy,
}

/// <summary>One stage an alert passes through on its way out, outermost first.</summary>
public enum AlertSinkStage
{
    ProcessedTopic,
    Telegram,
    Log,
}

/// <summary>
/// What runs on this node, decided once from the validated options and nothing else: the mode, the cluster roles,
/// the sample source and where its samples go (and on which role the ingest singleton lives), the video actors'
/// placement, whether this node consumes the raw topic, the alert sink chain and the singletons it may host. The
/// composition root follows it; <c>/</c> and <c>/pipeline/status</c> read it. A table of cases is in NodeTopologySpecs.
/// </summary>
public sealed record NodeTopology(
    PipelineMode Mode,
    IReadOnlyList<string> Roles,
    SampleSourceKind Source,
    SampleDelivery Delivery,
    string? IngestRole,
    VideoPlacement Videos,
    string? VideoRole,
    bool Consumer,
    IReadOnlyList<AlertSinkStage> SinkChain,
    IReadOnlyList<string> Singletons,
    bool JoinsItself)
{
    public string ModeName => Mode == PipelineMode.Kafka ? "kafka" : "embedded";

    /// <summary>Alerts are published to the processed topic before the final sink.</summary>
    public bool PublishesAlerts => SinkChain.Contains(AlertSinkStage.ProcessedTopic);

    public bool Runs(string singleton) => Singletons.Contains(singleton);

    public static NodeTopology From(KafkaOptions kafka, ClusterNodeOptions cluster, YouTubeOptions youtube, TelegramOptions telegram)
    {
        var kafkaMode = kafka.IsEnabled;
        // Roles only mean something in Kafka mode; embedded nodes keep the roles they were given (usually none).
        var roles = kafkaMode ? cluster.EffectiveRoles : cluster.NodeRoles ?? [];
        var processes = !kafkaMode || roles.Contains(NodeRole.Process);
        var finalSink = telegram.HasBotToken ? AlertSinkStage.Telegram : AlertSinkStage.Log;
        var botRuns = telegram is { HasBotToken: true, Commands: true };
        return new NodeTopology(
            kafkaMode ? PipelineMode.Kafka : PipelineMode.Embedded,
            [.. roles.Select(NodeRoleNames.Of)],
            youtube.HasApiKey ? SampleSourceKind.YouTube : SampleSourceKind.Demo,
            kafkaMode ? SampleDelivery.RawTopic : SampleDelivery.VideoShards,
            kafkaMode ? KafkaOptions.IngestRole : null,
            processes ? VideoPlacement.Region : VideoPlacement.Proxy,
            kafkaMode ? KafkaOptions.ProcessRole : null,
            Consumer: kafkaMode && processes,
            kafkaMode ? [AlertSinkStage.ProcessedTopic, finalSink] : [finalSink],
            botRuns
                ? [WatchlistActor.Name, IngestPipeline.Name, NotifierActor.Name, DailySummaryActor.Name, RetentionSweepActor.Name, TelegramBotActor.Name]
                : [WatchlistActor.Name, IngestPipeline.Name, NotifierActor.Name, DailySummaryActor.Name, RetentionSweepActor.Name],
            JoinsItself: cluster.SeedNodes.Length == 0);
    }
}
