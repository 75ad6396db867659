namespace YouTubeAnalytics.Host.Configuration;

/// <summary>A cluster role of a Kafka-mode node (Cluster:Roles).</summary>
public enum NodeRole
{
    /// <summary>"ingest": the poller publishing to the raw topic.</summary>
    Ingest,

    /// <summary>"process": the raw topic consumed into the video shards.</summary>
    Process,
}

/// <summary>The names the cluster knows the roles by.</summary>
public static class NodeRoleNames
{
    public static string Of(NodeRole role) => role == NodeRole.Ingest ? KafkaOptions.IngestRole : KafkaOptions.ProcessRole;

    public static bool TryParse(string? name, out NodeRole role)
    {
        role = name == KafkaOptions.ProcessRole ? NodeRole.Process : NodeRole.Ingest;
        return name is KafkaOptions.IngestRole or KafkaOptions.ProcessRole;
    }
}
