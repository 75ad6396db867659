using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Api.Security;
using AkkaCluster = Akka.Cluster.Cluster;

namespace YouTubeAnalytics.Api.Cluster;

/// <param name="UnreachableFrom">The members that observe this one unreachable (empty when reachable).</param>
public sealed record MemberDto(
    string Address, string Status, IReadOnlyList<string> Roles, bool Reachable, bool IsLeader, bool IsSelf, IReadOnlyList<string> UnreachableFrom);

/// <summary>
/// The split brain resolver as this node runs it: its strategy ("none" without one), how long a side must be stable
/// before it decides, how long a downed member's shards and singletons wait before moving, and the last downing this
/// node saw (null until one).
/// </summary>
public sealed record ResolverDto(string Strategy, TimeSpan? StableAfter, TimeSpan DownRemovalMargin, DowningDecision? LastDecision);

public sealed record ClusterDto(string Self, string? Leader, IReadOnlyList<MemberDto> Members, ResolverDto Resolver);

public sealed record ShardDto(string ShardId, int Entities);

public sealed record RegionDto(string Address, int Entities, IReadOnlyList<ShardDto> Shards);

public sealed record ShardsDto(int Shards, int Entities, IReadOnlyList<RegionDto> Regions);

public sealed record LeaveRequest(string? Address);

/// <summary>Cluster inspection and administration (what Petabridge.Cmd would offer; the `yta` CLI calls these).</summary>
public static class ClusterApi
{
    private static readonly TimeSpan StatsTimeout = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        var cluster = app.MapGroup("/cluster").WithTags("Cluster");
        cluster.MapGet("/members", GetMembers).WithName("GetClusterMembers").WithSummary("Members, their status, roles and reachability, the leader, and the split brain resolver's last decision");
        cluster.MapGet("/shards", GetShards).WithName("GetClusterShards").WithSummary("Video shards and entities per node")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        cluster.MapPost("/leave", Leave).RequireAdminKey().WithName("LeaveCluster")
            .WithSummary("Asks a member to leave the cluster gracefully (needs X-Api-Key)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static Ok<ClusterDto> GetMembers(ActorSystem system, DowningLog downings)
    {
        var cluster = AkkaCluster.Get(system);
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        var observers = unreachable.Count == 0 ? new Dictionary<Address, IReadOnlyList<string>>() : GossipReachability.ObserversByUnreachable(cluster);
        var members = state.Members
            .Select(m => new MemberDto(m.Address.ToString(), m.Status.ToString(), m.Roles.Order().ToList(),
                !unreachable.Contains(m.Address), m.Address == state.Leader, m.Address == cluster.SelfAddress,
                observers.GetValueOrDefault(m.Address) ?? []))
            .ToList();
        return TypedResults.Ok(new ClusterDto(cluster.SelfAddress.ToString(), state.Leader?.ToString(), members,
            Resolver(system.Settings.Config, downings.History)));
    }

    /// <summary>The resolver's settings from the running configuration (what Akka uses, whoever set it).</summary>
    internal static ResolverDto Resolver(Akka.Configuration.Config config, DowningHistory history)
    {
        var provider = config.GetString("akka.cluster.downing-provider-class", "");
        var resolving = provider.Contains("SplitBrainResolver", StringComparison.Ordinal);
        return new ResolverDto(
            resolving ? config.GetString("akka.cluster.split-brain-resolver.active-strategy", "keep-majority") : "none",
            resolving ? config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after", null) : null,
            config.GetTimeSpan("akka.cluster.down-removal-margin", TimeSpan.Zero),
            history.Last);
    }

    private static async Task<Results<Ok<ShardsDto>, ProblemHttpResult>> GetShards(
        IRequiredActor<VideoRegion> region, HttpContext http)
    {
        ClusterShardingStats stats;
        try
        {
            stats = await region.ActorRef.Ask<ClusterShardingStats>(
                new GetClusterShardingStats(StatsTimeout), StatsTimeout + TimeSpan.FromSeconds(1), http.RequestAborted);
        }
        catch (AskTimeoutException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Shard statistics unavailable",
                detail: "The shard regions did not answer in time; the cluster may still be forming.");
        }
        var regions = stats.Regions
            .Select(r => new RegionDto(
                r.Key.ToString(), r.Value.Stats.Values.Sum(),
                r.Value.Stats.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new ShardDto(s.Key, s.Value)).ToList()))
            .OrderBy(r => r.Address, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(new ShardsDto(regions.Sum(r => r.Shards.Count), regions.Sum(r => r.Entities), regions));
    }

    private static Results<Accepted, ProblemHttpResult> Leave(LeaveRequest? request, ActorSystem system)
    {
        if (string.IsNullOrWhiteSpace(request?.Address))
            return BadRequest("a body {\"address\": \"akka.tcp://youtube-analytics@host:port\"} is required");
        Address address;
        try
        {
            address = Address.Parse(request.Address);
        }
        catch (Exception ex) when (ex is UriFormatException or ArgumentException or FormatException)
        {
            return BadRequest($"'{request.Address}' is not an Akka address like akka.tcp://youtube-analytics@host:4053");
        }
        var cluster = AkkaCluster.Get(system);
        if (cluster.State.Members.All(m => m.Address != address))
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not a member",
                detail: $"{address} is not a member of this cluster.");
        cluster.Leave(address);
        return TypedResults.Accepted((string?)null);
    }

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid 'address'", detail: detail);
}
