using System.CommandLine;
using static YouTubeAnalytics.Cli.Commands.CliContext;

namespace YouTubeAnalytics.Cli.Commands;

/// <summary>`yta video ID`: GET /videos/{id}/stats; a broadcast's `live` object as live.status, live.viewers, live.peak, live.started, live.ended.</summary>
public static class VideoCommand
{
    public static Command Create(CliContext cli)
    {
        var videoId = new Argument<string>("id") { Description = "An 11-character video id" };
        var video = new Command("video", "A video's current figures and baselines, from its actor");
        video.Arguments.Add(videoId);
        video.SetAction(async (p, ct) =>
        {
            var answer = await cli.Client(p).GetRawAsync($"/videos/{Uri.EscapeDataString(p.GetValue(videoId)!)}/stats", ct);
            if (p.GetValue(cli.Json))
                return cli.Raw(answer);
            var body = answer.Body;
            var rows = body.EnumerateObject().Where(o => o.Name is not ("baselines" or "nextMilestone" or "live")).Select(o => Row(o.Name, Text(o.Value))).ToList();
            rows.AddRange(body.GetProperty("baselines").EnumerateObject().Select(b => Row(
                $"baseline.{b.Name}", $"{Count(b.Value.GetProperty("value").GetInt64())} at {Text(b.Value.GetProperty("at"))}")));
            if (body.TryGetProperty("nextMilestone", out var next) && next.ValueKind == System.Text.Json.JsonValueKind.Object)
                rows.Add(Row("nextMilestone", $"{next.GetProperty("text").GetString()} ({Text(next.GetProperty("expectedAt"))})"));
            if (body.TryGetProperty("live", out var live) && live.ValueKind == System.Text.Json.JsonValueKind.Object)
                rows.AddRange(LiveRows(live));
            Table.Write(cli.Output, ["Field", "Value"], rows);
            return 0;
        });
        return video;
    }

    private static IEnumerable<IReadOnlyList<string>> LiveRows(System.Text.Json.JsonElement live)
    {
        yield return Row("live.status", Text(live.GetProperty("liveBroadcastContent")));
        yield return Row("live.viewers", Text(live.GetProperty("concurrentViewers")));
        var peak = live.GetProperty("peakConcurrentViewers");
        yield return Row("live.peak", peak.ValueKind == System.Text.Json.JsonValueKind.Null ? "-" : $"{Text(peak)} at {Text(live.GetProperty("peakAt"))}");
        yield return Row("live.started", Text(live.GetProperty("actualStartTime")));
        yield return Row("live.ended", Text(live.GetProperty("actualEndTime")));
    }
}
