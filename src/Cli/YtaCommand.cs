using System.CommandLine;
using YouTubeAnalytics.Cli.Commands;

namespace YouTubeAnalytics.Cli;

/// <summary>
/// The `yta` command tree. Every command talks to one node's REST API (--api, or YTA_API); tables on a terminal,
/// the API's JSON byte for byte with --json; group commands alone print their help. Exit codes: 0 ok, 1 refused by the API, 2 bad usage, 3 API unreachable.
/// </summary>
public static class YtaCommand
{
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
        var cli = new CliContext(http, output, environment);
        var root = new RootCommand("yta: inspect and administer a YouTube Analytics cluster through its REST API");
        root.Options.Add(cli.Api);
        root.Options.Add(cli.Json);
        root.Subcommands.Add(StatusCommand.Create(cli));
        root.Subcommands.Add(PipelineCommand.Create(cli));
        root.Subcommands.Add(TopCommand.Create(cli));
        root.Subcommands.Add(AlertsCommand.Create(cli));
        root.Subcommands.Add(VideoCommand.Create(cli));
        root.Subcommands.Add(ChannelCommand.Create(cli));
        root.Subcommands.Add(WatchCommands.Create(cli));
        root.Subcommands.Add(ClusterCommands.Create(cli));
        root.Subcommands.Add(VerifyCommand.Create(cli));
        return root;
    }
}
