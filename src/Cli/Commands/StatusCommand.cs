using System.CommandLine;
using static YouTubeAnalytics.Cli.Commands.CliContext;

namespace YouTubeAnalytics.Cli.Commands;

/// <summary>`yta status`: GET / and GET /health.</summary>
public static class StatusCommand
{
    public static Command Create(CliContext cli)
    {
        var status = new Command("status", "The node's mode, version and health");
        status.SetAction(async (p, ct) =>
        {
            var client = cli.Client(p);
            var info = await client.GetRawAsync("/", ct);
            var health = await client.GetRawAsync("/health", ct);
            if (p.GetValue(cli.Json))
            {
                cli.Output.WriteLine($"{{\"info\":{info.Text},\"health\":{health.Text}}}"); // both answers, unchanged
                return 0;
            }
            Table.Write(cli.Output, ["Setting", "Value"], info.Body.EnumerateObject().Select(o => Row(o.Name, Text(o.Value))));
            cli.Output.WriteLine();
            Table.Write(cli.Output, ["Check", "Status", "Detail"], health.Body.GetProperty("checks").EnumerateObject()
                .Select(c => Row(c.Name, Text(c.Value.GetProperty("status")), Text(c.Value.GetProperty("description")))));
            return 0;
        });
        return status;
    }
}
