using System.CommandLine;
using System.Text.Json;
using static YouTubeAnalytics.Cli.Commands.CliContext;

namespace YouTubeAnalytics.Cli.Commands;

/// <summary>
/// `yta pipeline`: GET /pipeline/status, its stages and the figures it has today (samples and alerts counted, last
/// sample, quota, consumer lag, dead letters, parked chats); the rates are the difference of two reads --interval apart.
/// </summary>
public static class PipelineCommand
{
    public static Command Create(CliContext cli)
    {
        var interval = new Option<double>("--interval")
        {
            Description = "Seconds between the two reads the rates come from (0: no rates; default 2)",
            DefaultValueFactory = _ => 2,
        };
        var pipeline = new Command("pipeline", "Pipeline stages, samples and alerts counted and their rates, consumer lag, dead letters, parked chats, YouTube quota");
        pipeline.Options.Add(interval);
        pipeline.SetAction(async (p, ct) =>
        {
            var client = cli.Client(p);
            var first = await client.GetRawAsync("/pipeline/status", ct);
            if (p.GetValue(cli.Json))
                return cli.Raw(first);
            var seconds = Math.Clamp(p.GetValue(interval), 0, 60);
            JsonElement? second = null;
            if (seconds > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(seconds), ct);
                second = (await client.GetRawAsync("/pipeline/status", ct)).Body;
            }
            var now = second ?? first.Body;
            Table.Write(cli.Output, ["Stage", "Running", "Detail"], now.GetProperty("stages").EnumerateArray()
                .Select(s => Row(Text(s.GetProperty("name")), s.GetProperty("running").GetBoolean() ? "yes" : "NO", Text(s.GetProperty("detail")))));
            cli.Output.WriteLine();
            string Rate(string field, double per) => second is { } later
                ? $"{(later.GetProperty(field).GetInt64() - first.Body.GetProperty(field).GetInt64()) / seconds * per:0.##}"
                : "-";
            var rows = new List<IReadOnlyList<string>>
            {
                Row("mode", Text(now.GetProperty("mode"))),
                Row("source", Text(now.GetProperty("source"))),
                Row("last sample", Text(now.GetProperty("lastSampleAt"))),
                Row("samples accepted", $"{Text(now.GetProperty("samplesAccepted"))} ({Rate("samplesAccepted", 1)}/s)"),
                Row("samples ignored", Text(now.GetProperty("samplesIgnored"))),
                Row("alerts raised", $"{Text(now.GetProperty("alertsRaised"))} ({Rate("alertsRaised", 60)}/min)"),
                Row("alerts delivered", Text(now.GetProperty("alertsDelivered"))),
                Row("consumer lag", Text(now.GetProperty("consumerLag"))),
                // Absent from an older server's answer: "-" like a null.
                Row("dead letters", Text(now.TryGetProperty("deadLettered", out var dead) ? dead : default)),
                Row("parked chats", Text(now.TryGetProperty("parkedChats", out var parked) ? parked : default)),
            };
            if (now.GetProperty("quota") is { ValueKind: JsonValueKind.Object } quota)
                rows.Add(Row("youtube quota", $"{Text(quota.GetProperty("used"))} used, {Text(quota.GetProperty("left"))} left of " +
                                              $"{Text(quota.GetProperty("limit"))}, resets {Text(quota.GetProperty("resetsAt"))}"));
            else
                rows.Add(Row("youtube quota", "- (not the YouTube source)"));
            Table.Write(cli.Output, ["Figure", "Value"], rows);
            return 0;
        });
        return pipeline;
    }
}
