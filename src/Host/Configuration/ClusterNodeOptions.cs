namespace YouTubeAnalytics.Host.Configuration;

public sealed class ClusterNodeOptions
{
    public const string Section = "Cluster";
    public string Hostname { get; set; } = "localhost";

    /// <summary>0 picks a free port: right for a single node, which joins itself.</summary>
    public int Port { get; set; }

    public string[] SeedNodes { get; set; } = [];

    /// <summary>"ingest" (the poller into Kafka), "process" (Kafka into the shards); none means both.</summary>
    public string[] Roles { get; set; } = [];

    /// <summary>How long a member must stay unreachable before keep-majority downs it (and its shards move).</summary>
    public TimeSpan DownUnreachableAfter { get; set; } = TimeSpan.FromSeconds(20);

    public string[] EffectiveRoles => Roles.Length == 0 ? [KafkaOptions.IngestRole, KafkaOptions.ProcessRole] : Roles;
}
