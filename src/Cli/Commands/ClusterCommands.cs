using System.CommandLine;
using System.Text.Json;
using static YouTubeAnalytics.Cli.Commands.CliContext;

namespace YouTubeAnalytics.Cli.Commands;

/// <summary>`yta cluster show | shards | leave`.</summary>
public static class ClusterCommands
{
    public static Command Create(CliContext cli)
    {
        var cluster = Group("cluster", "Cluster members and shards");
        cluster.Subcommands.Add(Show(cli));
        cluster.Subcommands.Add(Shards(cli));
        cluster.Subcommands.Add(Leave(cli));
        return cluster;
    }

    private static Command Show(CliContext cli)
    {
        var show = new Command("show", "Members, roles, status, reachability, the leader and the split brain resolver's last decision");
        show.SetAction(async (p, ct) =>
        {
            var answer = await cli.Client(p).GetRawAsync("/cluster/members", ct);
            if (p.GetValue(cli.Json))
                return cli.Raw(answer);
            var body = answer.Body;
            Table.Write(cli.Output, ["Address", "Status", "Roles", "Reachable", "Leader"], body.GetProperty("members").EnumerateArray()
                .Select(m => (IReadOnlyList<string>)[
                    Text(m.GetProperty("address")) + (m.GetProperty("isSelf").GetBoolean() ? " (this node)" : ""),
                    Text(m.GetProperty("status")),
                    string.Join(",", m.GetProperty("roles").EnumerateArray().Select(Text)),
                    m.GetProperty("reachable").GetBoolean() ? "yes" : Unreachable(m),
                    m.GetProperty("isLeader").GetBoolean() ? "leader" : ""]));
            if (body.TryGetProperty("resolver", out var resolver))
                foreach (var line in Resolver(resolver))
                    cli.Output.WriteLine(line);
            return 0;
        });
        return show;
    }

    /// <summary>"NO (seen by a, b)": the members that observe it unreachable, when the API names them.</summary>
    private static string Unreachable(JsonElement member) =>
        member.TryGetProperty("unreachableFrom", out var from) && from.GetArrayLength() > 0
            ? $"NO (seen by {string.Join(", ", from.EnumerateArray().Select(Text))})"
            : "NO";

    /// <summary>The split brain resolver's strategy and timings, and its last decision as this node saw it.</summary>
    private static string[] Resolver(JsonElement resolver)
    {
        var settings = $"Resolver: {Text(resolver.GetProperty("strategy"))}, stable-after {Text(resolver.GetProperty("stableAfter"))}, " +
                       $"down-removal-margin {Text(resolver.GetProperty("downRemovalMargin"))}";
        return resolver.GetProperty("lastDecision") is { ValueKind: JsonValueKind.Object } decision
            ? [settings, $"Last decision: downed {string.Join(", ", decision.GetProperty("downed").EnumerateArray().Select(Text))} " +
                         $"at {Time(decision.GetProperty("at").GetDateTimeOffset())}"]
            : [settings, "Last decision: none (no member downed since this node started)"];
    }

    private static Command Shards(CliContext cli)
    {
        var shards = new Command("shards", "Video shards and entities per node");
        shards.SetAction(async (p, ct) =>
        {
            var answer = await cli.Client(p).GetRawAsync("/cluster/shards", ct);
            if (p.GetValue(cli.Json))
                return cli.Raw(answer);
            var body = answer.Body;
            Table.Write(cli.Output, ["Node", "Shards", "Entities"], body.GetProperty("regions").EnumerateArray()
                .Select(r => Row(Text(r.GetProperty("address")), Count(r.GetProperty("shards").GetArrayLength()),
                    Count(r.GetProperty("entities").GetInt32()))));
            cli.Output.WriteLine($"{Count(body.GetProperty("shards").GetInt32())} shards, {Count(body.GetProperty("entities").GetInt32())} videos in memory");
            return 0;
        });
        return shards;
    }

    private static Command Leave(CliContext cli)
    {
        var address = new Argument<string>("address") { Description = "The member's address, as `yta cluster show` prints it" };
        var adminKey = cli.AdminKeyOption();
        var leave = new Command("leave", "Ask a member to leave the cluster gracefully (needs the admin key)");
        leave.Arguments.Add(address);
        leave.Options.Add(adminKey);
        leave.SetAction(async (p, ct) =>
        {
            var target = p.GetValue(address)!;
            await cli.Client(p).SendAsync(HttpMethod.Post, "/cluster/leave", new { address = target }, p.GetValue(adminKey), ct);
            cli.Output.WriteLine($"{target} is leaving the cluster; its shards move to the other nodes.");
            return 0;
        });
        return leave;
    }
}
