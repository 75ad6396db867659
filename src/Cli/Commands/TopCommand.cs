using System.CommandLine;
using static YouTubeAnalytics.Cli.Commands.CliContext;

namespace YouTubeAnalytics.Cli.Commands;

/// <summary>`yta top [--day] [--limit N]`: the biggest movers, GET /videos sorted by views gained.</summary>
public static class TopCommand
{
    public static Command Create(CliContext cli)
    {
        var day = new Option<bool>("--day") { Description = "Rank by views gained in the last 24 hours (default: the last hour)" };
        var limit = new Option<int>("--limit") { Description = "How many (1-500, default 10)", DefaultValueFactory = _ => 10 };
        var top = new Command("top", "The videos that gained the most views in the last hour (or day)");
        top.Options.Add(day);
        top.Options.Add(limit);
        top.SetAction(async (p, ct) =>
        {
            var sort = p.GetValue(day) ? "change24h" : "change1h";
            var answer = await cli.Client(p).GetRawAsync($"/videos?sort={sort}&pageSize={p.GetValue(limit)}", ct);
            if (p.GetValue(cli.Json))
                return cli.Raw(answer);
            Table.Write(cli.Output, ["Video", "Title", "Views", "+1h", "+24h", "Alerts", "Observed"], answer.Body.GetProperty("items").EnumerateArray()
                .Select(v => Row(Text(v.GetProperty("videoId")), Text(v.GetProperty("title")), Text(v.GetProperty("viewCount")),
                    Text(v.GetProperty("viewsChange1h")), Text(v.GetProperty("viewsChange24h")), Text(v.GetProperty("alertCount")),
                    Text(v.GetProperty("observedAt")))));
            return 0;
        });
        return top;
    }
}
