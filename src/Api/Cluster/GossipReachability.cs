using System.Collections.Immutable;
using System.Reflection;
using Akka.Actor;
using Akka.Cluster;
using AkkaCluster = Akka.Cluster.Cluster;

namespace YouTubeAnalytics.Api.Cluster;

/// <summary>
/// Who sees whom unreachable, from the gossip's reachability table. Akka.NET 1.5 keeps that table internal
/// (Cluster.ReadView.Reachability; the public CurrentClusterState only lists the unreachable members), so it is read
/// by reflection; should a later Akka hide it, this node's own failure detector answers for this node alone.
/// </summary>
public static class GossipReachability
{
    private const BindingFlags Internal = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;

    /// <summary>Each unreachable member's address, with the addresses of the members that observe it unreachable.</summary>
    public static IReadOnlyDictionary<Address, IReadOnlyList<string>> ObserversByUnreachable(AkkaCluster cluster)
    {
        if (Table(cluster) is { } table)
            return table.ToDictionary(e => e.Key.Address,
                e => (IReadOnlyList<string>)[.. e.Value.Select(o => o.Address.ToString()).Order(StringComparer.Ordinal)]);
        return cluster.State.Unreachable
            .Where(m => cluster.FailureDetector.IsMonitoring(m.Address) && !cluster.FailureDetector.IsAvailable(m.Address))
            .ToDictionary(m => m.Address, _ => (IReadOnlyList<string>)[cluster.SelfAddress.ToString()]);
    }

    private static IReadOnlyDictionary<UniqueAddress, ImmutableHashSet<UniqueAddress>>? Table(AkkaCluster cluster)
    {
        try
        {
            var readView = typeof(AkkaCluster).GetProperty("ReadView", Internal)?.GetValue(cluster);
            var reachability = readView?.GetType().GetProperty("Reachability", Internal)?.GetValue(readView);
            return reachability?.GetType().GetProperty("ObserversGroupedByUnreachable", Internal)?.GetValue(reachability)
                as IReadOnlyDictionary<UniqueAddress, ImmutableHashSet<UniqueAddress>>;
        }
        catch (TargetInvocationException)
        {
            return null;
        }
    }
}
