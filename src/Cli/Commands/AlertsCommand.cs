using System.CommandLine;
using System.Text.Json;
using static YouTubeAnalytics.Cli.Commands.CliContext;

namespace YouTubeAnalytics.Cli.Commands;

/// <summary>`yta alerts [--video ID] [--limit N]`: GET /alerts, newest first.</summary>
public static class AlertsCommand
{
    public static Command Create(CliContext cli)
    {
        var video = new Option<string?>("--video") { Description = "Only this video's alerts (an 11-character id)" };
        var limit = new Option<int>("--limit") { Description = "How many (1-500, default 20)", DefaultValueFactory = _ => 20 };
        var alerts = new Command("alerts", "Recent alerts, newest first");
        alerts.Options.Add(video);
        alerts.Options.Add(limit);
        alerts.SetAction(async (p, ct) =>
        {
            var query = $"/alerts?pageSize={p.GetValue(limit)}" +
                        (p.GetValue(video) is { } id ? $"&video={Uri.EscapeDataString(id)}" : "");
            var answer = await cli.Client(p).GetRawAsync(query, ct);
            if (p.GetValue(cli.Json))
                return cli.Raw(answer);
            Table.Write(cli.Output, ["Observed", "Video", "Title", "Views", "Rules"], answer.Body.GetProperty("items").EnumerateArray()
                .Select(a => Row(Text(a.GetProperty("observedAt")), Text(a.GetProperty("videoId")), Text(a.GetProperty("title")),
                    Text(a.GetProperty("viewCount")),
                    string.Join(", ", a.GetProperty("breaches").EnumerateArray().Select(b => Text(b.GetProperty("rule")))))));
            cli.Output.WriteLine($"{Count(answer.Body.GetProperty("total").GetInt32())} alerts kept{(p.GetValue(video) is { } v ? $" for {v}" : "")}");
            return 0;
        });
        return alerts;
    }
}
