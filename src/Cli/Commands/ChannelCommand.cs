using System.CommandLine;
using System.Text.Json;
using static YouTubeAnalytics.Cli.Commands.CliContext;

namespace YouTubeAnalytics.Cli.Commands;

/// <summary>`yta channel ID|@handle`: GET /channels/{id}/stats; `yta channel` alone: GET /channels.</summary>
public static class ChannelCommand
{
    public static Command Create(CliContext cli)
    {
        var channelId = new Argument<string?>("id") { Description = "A UC… channel id or a watched @handle; none lists the watched channels", Arity = ArgumentArity.ZeroOrOne };
        var channel = new Command("channel", "A channel's subscribers (as YouTube publishes them), views and videos, from its actor");
        channel.Arguments.Add(channelId);
        channel.SetAction(async (p, ct) =>
        {
            var id = p.GetValue(channelId);
            var answer = await cli.Client(p).GetRawAsync(id is null ? "/channels" : $"/channels/{Uri.EscapeDataString(id)}/stats", ct);
            if (p.GetValue(cli.Json))
                return cli.Raw(answer);
            if (id is not null)
            {
                Table.Write(cli.Output, ["Field", "Value"], [.. answer.Body.EnumerateObject().Select(o => Row(o.Name, Text(o.Value)))]);
                return 0;
            }
            Table.Write(cli.Output, ["Channel", "Title", "Subscribers", "Views", "Videos", "Observed"],
                [.. answer.Body.GetProperty("items").EnumerateArray().Select(item =>
                {
                    var stats = item.GetProperty("stats");
                    var sampled = stats.ValueKind == JsonValueKind.Object;
                    string Stat(string name) => sampled ? Text(stats.GetProperty(name)) : "-";
                    var subscribers = sampled && stats.GetProperty("subscriberCount").ValueKind == JsonValueKind.Null ? "hidden" : Stat("subscriberCount");
                    var name = item.GetProperty("channelId").ValueKind == JsonValueKind.String ? item.GetProperty("channelId") : item.GetProperty("target");
                    return Row(Text(name), Stat("title"), subscribers, Stat("viewCount"), Stat("videoCount"), Stat("observedAt"));
                })]);
            return 0;
        });
        return channel;
    }
}
