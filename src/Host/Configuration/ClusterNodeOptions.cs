namespace YouTubeAnalytics.Host.Configuration;

public sealed class ClusterNodeOptions
{
    public const string Section = "Cluster";
    public string Hostname { get; set; } = "localhost";

    /// <summary>0 picks a free port: right for a single node, which joins itself.</summary>
    public int Port { get; set; }

    public string[] SeedNodes { get; set; } = [];

    private string[] _roles = [];

    /// <summary>"ingest" (the poller into Kafka), "process" (Kafka into the shards); none means both. Parsed when bound: see <see cref="NodeRoles"/>.</summary>
    public string[] Roles
    {
        get => _roles;
        set
        {
            _roles = value ?? [];
            NodeRoles = _roles.All(r => NodeRoleNames.TryParse(r, out _))
                ? [.. _roles.Select(r => { NodeRoleNames.TryParse(r, out var role); return role; }).Distinct()]
                : null;
        }
    }

    /// <summary>The roles as given, each once; null when one is not a role (refused at start).</summary>
    public IReadOnlyList<NodeRole>? NodeRoles { get; private set; } = [];

    /// <summary>How long a member must stay unreachable before keep-majority downs it (and its shards move).</summary>
    public TimeSpan DownUnreachableAfter { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The roles of a Kafka-mode node: those given, or both.</summary>
    public IReadOnlyList<NodeRole> EffectiveRoles => NodeRoles is { Count: > 0 } roles ? roles : [NodeRole.Ingest, NodeRole.Process];
}
