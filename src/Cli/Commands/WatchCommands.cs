using System.CommandLine;
using static YouTubeAnalytics.Cli.Commands.CliContext;

namespace YouTubeAnalytics.Cli.Commands;

/// <summary>`yta watch list | add | remove`.</summary>
public static class WatchCommands
{
    public static Command Create(CliContext cli)
    {
        var watch = Group("watch", "The watchlist: videos, playlists and channels the node polls");
        watch.Subcommands.Add(List(cli));
        watch.Subcommands.Add(Add(cli));
        watch.Subcommands.Add(Remove(cli));
        return watch;
    }

    private static Command List(CliContext cli)
    {
        var list = new Command("list", "What is watched");
        list.SetAction(async (p, ct) =>
        {
            var answer = await cli.Client(p).GetRawAsync("/watchlist", ct);
            if (p.GetValue(cli.Json))
                return cli.Raw(answer);
            Table.Write(cli.Output, ["Kind", "Id", "State", "Reason"], answer.Body.GetProperty("targets").EnumerateArray()
                .Select(t => Row(Text(t.GetProperty("kind")), Text(t.GetProperty("id")), Field(t, "state"), Field(t, "reason"))));
            cli.Output.WriteLine($"{Count(answer.Body.GetProperty("videoCount").GetInt32())} videos polled");
            return 0;
        });
        return list;
    }

    /// <summary>A field an older node may not send (state, reason): "-" when absent.</summary>
    private static string Field(System.Text.Json.JsonElement target, string name) =>
        target.TryGetProperty(name, out var value) ? Text(value) : "-";

    private static Command Add(CliContext cli)
    {
        var target = new Argument<string>("url-or-id") { Description = "A YouTube URL (watch, youtu.be, shorts, playlist, channel, @handle) or an id" };
        var adminKey = cli.AdminKeyOption();
        var add = new Command("add", "Watch a video, playlist or channel (needs the admin key)");
        add.Arguments.Add(target);
        add.Options.Add(adminKey);
        add.SetAction(async (p, ct) =>
        {
            var added = await cli.Client(p).SendAsync(HttpMethod.Post, "/watchlist", new { url = p.GetValue(target) }, p.GetValue(adminKey), ct);
            cli.Output.WriteLine($"Watching {Text(added.GetProperty("kind"))} {Text(added.GetProperty("id"))}");
            return 0;
        });
        return add;
    }

    private static Command Remove(CliContext cli)
    {
        var watchedId = new Argument<string>("id") { Description = "The id `yta watch list` shows" };
        var adminKey = cli.AdminKeyOption();
        var remove = new Command("remove", "Stop watching (needs the admin key)");
        remove.Arguments.Add(watchedId);
        remove.Options.Add(adminKey);
        remove.SetAction(async (p, ct) =>
        {
            var id = p.GetValue(watchedId)!;
            await cli.Client(p).SendAsync(HttpMethod.Delete, $"/watchlist/{Uri.EscapeDataString(id)}", null, p.GetValue(adminKey), ct);
            cli.Output.WriteLine($"No longer watching {id}");
            return 0;
        });
        return remove;
    }
}
