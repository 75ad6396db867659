using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace YouTubeAnalytics.Cli;

/// <summary>
/// The `yta` command tree. Every command talks to one node's REST API (--api, or YTA_API); tables on a terminal,
/// the API's JSON with --json. Exit codes: 0 ok, 1 refused by the API, 2 bad usage, 3 API unreachable.
/// </summary>
public static class YtaCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, HttpMessageHandler handler, Func<string, string?>? environment = null)
    {
        using var http = new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) };
        var root = Build(http, output, environment ?? Environment.GetEnvironmentVariable);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
                await error.WriteLineAsync(parseError.Message);
            return 2;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (CliException ex)
        {
            await error.WriteLineAsync($"yta: {ex.Message}");
            return ex.ExitCode;
        }
    }

    public static RootCommand Build(HttpClient http, TextWriter output, Func<string, string?> environment)
    {
        string? Env(string name) => environment(name) is { Length: > 0 } v ? v : null;

        var api = new Option<Uri>("--api")
        {
            Description = "Base URL of any node's API (default: $YTA_API or http://localhost:8000)",
            Recursive = true,
            DefaultValueFactory = _ => new Uri(Env("YTA_API") ?? "http://localhost:8000"),
            CustomParser = result =>
            {
                var raw = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (Uri.TryCreate(raw, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                    return uri;
                result.AddError($"--api must be an http(s) URL such as http://localhost:8000, not '{raw}'");
                return null;
            },
        };
        var json = new Option<bool>("--json") { Description = "Print the API's JSON instead of a table", Recursive = true };
        var adminKey = new Option<string?>("--admin-key")
        {
            Description = "The node's Api:AdminKey for changes (default: $YTA_ADMIN_KEY)",
            Recursive = true,
            DefaultValueFactory = _ => Env("YTA_ADMIN_KEY"),
        };

        var root = new RootCommand("yta: inspect and administer a YouTube Analytics cluster through its REST API");
        root.Options.Add(api);
        root.Options.Add(json);
        root.Options.Add(adminKey);

        ApiClient Client(ParseResult p) => new(http, WithSlash(p.GetValue(api)!));

        var status = new Command("status", "The node's mode, version and health");
        status.SetAction(async (p, ct) =>
        {
            var client = Client(p);
            var info = await client.GetAsync("/", ct);
            var health = await client.GetAsync("/health", ct);
            if (p.GetValue(json))
                return Json(output, new { info, health });
            Table.Write(output, ["Setting", "Value"], info.EnumerateObject().Select(o => (IReadOnlyList<string>)[o.Name, Text(o.Value)]));
            output.WriteLine();
            Table.Write(output, ["Check", "Status", "Detail"], health.GetProperty("checks").EnumerateObject()
                .Select(c => (IReadOnlyList<string>)[c.Name, Text(c.Value.GetProperty("status")), Text(c.Value.GetProperty("description"))]));
            return 0;
        });

        var cluster = new Command("cluster", "Cluster members and shards");
        var show = new Command("show", "Members, roles, status and the leader");
        show.SetAction(async (p, ct) =>
        {
            var body = await Client(p).GetAsync("/cluster/members", ct);
            if (p.GetValue(json))
                return Json(output, body);
            Table.Write(output, ["Address", "Status", "Roles", "Reachable", "Leader"], body.GetProperty("members").EnumerateArray()
                .Select(m => (IReadOnlyList<string>)[
                    Text(m.GetProperty("address")) + (m.GetProperty("isSelf").GetBoolean() ? " (this node)" : ""),
                    Text(m.GetProperty("status")),
                    string.Join(",", m.GetProperty("roles").EnumerateArray().Select(Text)),
                    m.GetProperty("reachable").GetBoolean() ? "yes" : Unreachable(m),
                    m.GetProperty("isLeader").GetBoolean() ? "leader" : ""]));
            if (body.TryGetProperty("resolver", out var resolver))
                foreach (var line in Resolver(resolver))
                    output.WriteLine(line);
            return 0;
        });
        var shards = new Command("shards", "Video shards and entities per node");
        shards.SetAction(async (p, ct) =>
        {
            var body = await Client(p).GetAsync("/cluster/shards", ct);
            if (p.GetValue(json))
                return Json(output, body);
            Table.Write(output, ["Node", "Shards", "Entities"], body.GetProperty("regions").EnumerateArray()
                .Select(r => (IReadOnlyList<string>)[Text(r.GetProperty("address")), Count(r.GetProperty("shards").GetArrayLength()),
                    Count(r.GetProperty("entities").GetInt32())]));
            output.WriteLine($"{Count(body.GetProperty("shards").GetInt32())} shards, {Count(body.GetProperty("entities").GetInt32())} videos in memory");
            return 0;
        });
        var address = new Argument<string>("address") { Description = "The member's address, as `yta cluster show` prints it" };
        var leave = new Command("leave", "Ask a member to leave the cluster gracefully (needs the admin key)");
        leave.Arguments.Add(address);
        leave.SetAction(async (p, ct) =>
        {
            var target = p.GetValue(address)!;
            await Client(p).SendAsync(HttpMethod.Post, "/cluster/leave", new { address = target }, p.GetValue(adminKey), ct);
            output.WriteLine($"{target} is leaving the cluster; its shards move to the other nodes.");
            return 0;
        });
        cluster.Subcommands.Add(show);
        cluster.Subcommands.Add(shards);
        cluster.Subcommands.Add(leave);

        var videoId = new Argument<string>("id") { Description = "An 11-character video id" };
        var video = new Command("video", "A video's current figures and baselines, from its actor");
        video.Arguments.Add(videoId);
        video.SetAction(async (p, ct) =>
        {
            var body = await Client(p).GetAsync($"/videos/{Uri.EscapeDataString(p.GetValue(videoId)!)}/stats", ct);
            if (p.GetValue(json))
                return Json(output, body);
            var rows = body.EnumerateObject().Where(o => o.Name != "baselines")
                .Select(o => (IReadOnlyList<string>)[o.Name, Text(o.Value)]).ToList();
            rows.AddRange(body.GetProperty("baselines").EnumerateObject().Select(b => (IReadOnlyList<string>)[
                $"baseline.{b.Name}", $"{Count(b.Value.GetProperty("value").GetInt64())} at {Text(b.Value.GetProperty("at"))}"]));
            Table.Write(output, ["Field", "Value"], rows);
            return 0;
        });

        var youtubeBase = new Option<Uri>("--youtube-base-url")
        {
            Description = "YouTube Data API base URL (default: $YouTube__BaseUrl or Google's)",
            DefaultValueFactory = _ => new Uri(Env("YouTube__BaseUrl") ?? "https://www.googleapis.com/youtube/v3/"),
        };
        var telegramBase = new Option<Uri>("--telegram-base-url")
        {
            Description = "Telegram Bot API base URL (default: $Telegram__ApiBaseUrl or Telegram's)",
            DefaultValueFactory = _ => new Uri(Env("Telegram__ApiBaseUrl") ?? "https://api.telegram.org"),
        };
        youtubeBase.CustomParser = telegramBase.CustomParser = api.CustomParser;
        var verify = new Command("verify",
            "Check the YouTube key, the Telegram token and each chat of TELEGRAM_CHAT_ID (the seed's names or YouTube__ApiKey / Telegram__BotToken / Telegram__ChatId; the environment, then .env) with one cheap call each");
        verify.Options.Add(youtubeBase);
        verify.Options.Add(telegramBase);
        verify.SetAction(async (p, ct) =>
        {
            var token = Env("TELEGRAM_BOT_TOKEN") ?? Env("Telegram__BotToken");
            var telegram = WithSlash(p.GetValue(telegramBase)!);
            var results = new List<CredentialCheck.Result>
            {
                await CredentialCheck.YouTubeAsync(http, WithSlash(p.GetValue(youtubeBase)!), Env("YOUTUBE_API_KEY") ?? Env("YouTube__ApiKey"), ct),
                await CredentialCheck.TelegramAsync(http, telegram, token, ct),
            };
            results.AddRange(await CredentialCheck.TelegramChatsAsync(http, telegram, token, Env("TELEGRAM_CHAT_ID") ?? Env("Telegram__ChatId"), ct));
            if (p.GetValue(json))
                Json(output, results);
            else
                Table.Write(output, ["Credential", "Result", "Detail"],
                    results.Select(r => (IReadOnlyList<string>)[r.Name, r.Ok ? "OK" : "FAILED", r.Detail]));
            return results.All(r => r.Ok) ? 0 : 1;
        });

        var watch = new Command("watch", "The watchlist: videos, playlists and channels the node polls");
        var list = new Command("list", "What is watched");
        list.SetAction(async (p, ct) =>
        {
            var body = await Client(p).GetAsync("/watchlist", ct);
            if (p.GetValue(json))
                return Json(output, body);
            Table.Write(output, ["Kind", "Id"], body.GetProperty("targets").EnumerateArray()
                .Select(t => (IReadOnlyList<string>)[Text(t.GetProperty("kind")), Text(t.GetProperty("id"))]));
            output.WriteLine($"{Count(body.GetProperty("videoCount").GetInt32())} videos polled");
            return 0;
        });
        var target = new Argument<string>("url-or-id") { Description = "A YouTube URL (watch, youtu.be, shorts, playlist, channel, @handle) or an id" };
        var add = new Command("add", "Watch a video, playlist or channel (needs the admin key)");
        add.Arguments.Add(target);
        add.SetAction(async (p, ct) =>
        {
            var added = await Client(p).SendAsync(HttpMethod.Post, "/watchlist", new { url = p.GetValue(target) }, p.GetValue(adminKey), ct);
            output.WriteLine($"Watching {Text(added.GetProperty("kind"))} {Text(added.GetProperty("id"))}");
            return 0;
        });
        var watchedId = new Argument<string>("id") { Description = "The id `yta watch list` shows" };
        var remove = new Command("remove", "Stop watching (needs the admin key)");
        remove.Arguments.Add(watchedId);
        remove.SetAction(async (p, ct) =>
        {
            var id = p.GetValue(watchedId)!;
            await Client(p).SendAsync(HttpMethod.Delete, $"/watchlist/{Uri.EscapeDataString(id)}", null, p.GetValue(adminKey), ct);
            output.WriteLine($"No longer watching {id}");
            return 0;
        });
        watch.Subcommands.Add(list);
        watch.Subcommands.Add(add);
        watch.Subcommands.Add(remove);

        root.Subcommands.Add(status);
        root.Subcommands.Add(verify);
        root.Subcommands.Add(watch);
        root.Subcommands.Add(cluster);
        root.Subcommands.Add(video);
        return root;
    }

    private static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    private static int Json(TextWriter output, object body)
    {
        output.WriteLine(JsonSerializer.Serialize(body, Indented));
        return 0;
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
              $"at {decision.GetProperty("at").GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC"]
            : [settings, "Last decision: none (no member downed since this node started)"];
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "-",
        JsonValueKind.Number when e.TryGetInt64(out var n) => Count(n),
        _ => e.ToString(),
    };
}
