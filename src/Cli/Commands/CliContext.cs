using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace YouTubeAnalytics.Cli.Commands;

/// <summary>What every command shares: the HTTP client, the output, the environment and the global options.</summary>
public sealed class CliContext
{
    private static readonly JsonSerializerOptions OwnJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public CliContext(HttpClient http, TextWriter output, Func<string, string?> environment)
    {
        Http = http;
        Output = output;
        Environment = environment;
        Api = new Option<Uri>("--api")
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
        Json = new Option<bool>("--json") { Description = "Print the API's JSON as it sent it instead of a table", Recursive = true };
    }

    public HttpClient Http { get; }
    public TextWriter Output { get; }
    public Func<string, string?> Environment { get; }
    public Option<Uri> Api { get; }
    public Option<bool> Json { get; }

    public string? Env(string name) => Environment(name) is { Length: > 0 } v ? v : null;

    /// <summary>--admin-key, only on the commands that change something.</summary>
    public Option<string?> AdminKeyOption() => new("--admin-key")
    {
        Description = "The node's Api:AdminKey (default: $YTA_ADMIN_KEY)",
        DefaultValueFactory = _ => Env("YTA_ADMIN_KEY"),
    };

    public ApiClient Client(ParseResult p) => new(Http, WithSlash(p.GetValue(Api)!));

    /// <summary>A command made only of subcommands: alone, it prints its help (exit 0) instead of a parse error.</summary>
    public static Command Group(string name, string description)
    {
        var group = new Command(name, description);
        group.SetAction(p => new HelpAction().Invoke(p));
        return group;
    }

    /// <summary>--json: the API's bytes, unchanged.</summary>
    public int Raw(ApiAnswer answer)
    {
        Output.WriteLine(answer.Text);
        return 0;
    }

    /// <summary>--json for what the CLI itself produces (verify): camelCase like the API, nothing escaped needlessly.</summary>
    public int OwnJsonOf(object value)
    {
        Output.WriteLine(JsonSerializer.Serialize(value, OwnJson));
        return 0;
    }

    public static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A JSON value for a table: counts with separators, instants in local time to the second, null as "-".</summary>
    public static string Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String when IsInstant(e.GetString()!, out var at) => Time(at),
        JsonValueKind.String => e.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "-",
        JsonValueKind.Number when e.TryGetInt64(out var n) => Count(n),
        _ => e.ToString(),
    };

    public static string Time(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static bool IsInstant(string text, out DateTimeOffset at)
    {
        at = default;
        return text.Length >= 20 && text[4] == '-' && text[10] == 'T'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out at);
    }

    public static IReadOnlyList<string> Row(params string[] cells) => cells;
}
