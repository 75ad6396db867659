using System.Globalization;
using System.Text;
using YouTubeAnalytics.Benchmarks.Support;

namespace YouTubeAnalytics.Benchmarks.Report;

/// <summary>The issue's goals, checked against the figures of docs/benchmarks.json (never lowered here).</summary>
public static class Goals
{
    public sealed record Goal(string Key, string Figure, string Target, Func<double, bool> Met, string Unit);

    public static readonly IReadOnlyList<Goal> All =
    [
        new("ratio.seed.steady.kafka.postgresql", "steady state ÷ seed's design", "≥ 10×", v => v >= 10, "×"),
        new("activation.rate", "activation", "≥ 2,000 videos/s", v => v >= 2_000, "videos/s"),
        new("latency.p99", "alert latency p99", "< 100 ms", v => v < 100, "ms"),
        new("memory.bytes-per-video.100000", "memory per active VideoActor", "≤ 2 KB", v => v <= 2_048, "bytes"),
        new("recovery.seconds.10000", "recovery 10,000 × 100 events", "≤ 10 s", v => v <= 10, "s"),
        new("videos.per-node.2GiB", "active videos one node holds in 2 GiB", "≥ 500,000", v => v >= 500_000, "videos"),
    ];

    public static string Table(BenchmarkResult result)
    {
        var md = new StringBuilder();
        md.AppendLine("| figure | measured | goal | met | key (section, run) |");
        md.AppendLine("|---|---:|---|---|---|");
        foreach (var goal in All)
        {
            var f = result.Figures.FirstOrDefault(x => x.Key == goal.Key);
            if (f is null)
            {
                md.AppendLine($"| {goal.Figure} | not measured | {goal.Target} | – | `{goal.Key}` |");
                continue;
            }
            var run = result.Sections.TryGetValue(f.Section, out var r) ? $"{r.Mode} run {r.At:yyyy-MM-dd HH:mm}" : "";
            md.AppendLine($"| {goal.Figure} | {Number(f.Value)} {goal.Unit} | {goal.Target} | {(goal.Met(f.Value) ? "yes" : "**no**")} | `{goal.Key}` ({f.Section}, {run}) |");
        }
        return md.ToString();
    }

    private static string Number(double value) =>
        value.ToString(value >= 100 ? "N0" : "0.##", CultureInfo.InvariantCulture);
}
