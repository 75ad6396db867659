using YouTubeAnalytics.Benchmarks.Support;

namespace YouTubeAnalytics.Benchmarks.Throughput;

/// <summary>
/// Issue items 1-3 in one run: ours (embedded and Kafka, SQLite and PostgreSQL), the seed's design on PostgreSQL, and
/// the database's limit, each on the same events; then ours divided by each.
/// </summary>
public static class ThroughputBenchmark
{
    public const string Section = "throughput";

    private static readonly int[] IssueSizes = [1_000, 10_000];

    public static async Task<List<Figure>> RunAsync(BenchmarkPlan plan)
    {
        var ours = new List<ThroughputRun>();
        foreach (var provider in new[] { "Sqlite", "PostgreSql" })
        {
            ours.AddRange(await StatefulThroughput.EmbeddedAsync(provider, plan));
            ours.AddRange(await StatefulThroughput.KafkaAsync(provider, plan));
        }
        var seed = await SeedBaseline.RunAsync(plan);
        var limits = new List<ThroughputRun>();
        foreach (var provider in new[] { "Sqlite", "PostgreSql" })
            limits.AddRange(await CopyLimit.RunAsync(provider, plan));

        var figures = new List<Figure>();
        foreach (var run in ours)
        {
            figures.Add(new Figure(Section, $"ours.{run.Source}.{run.Provider}.{run.Videos}".ToLowerInvariant(),
                $"ours: {(run.Source == "kafka" ? "Kafka raw topic" : "embedded source")} → VideoActor state, {run.Provider}",
                run.PerSecond, "events/s", Scale(plan, run)));
            AddPasses(figures, $"ours.{run.Source}.{run.Provider}.{run.Videos}".ToLowerInvariant(), "  ↳", run, plan);
        }
        foreach (var run in seed)
        {
            figures.Add(new Figure(Section, $"seed.postgresql.{run.Videos}", "seed's design: consumer, SELECT + upsert per event, PostgreSql",
                run.PerSecond, "events/s", Scale(plan, run)));
            AddPasses(figures, $"seed.postgresql.{run.Videos}", "  ↳", run, plan);
        }
        foreach (var run in limits)
        {
            figures.Add(new Figure(Section, $"limit.{run.Provider}.{run.Videos}".ToLowerInvariant(),
                $"database limit: {run.Source}, {run.Provider}", run.PerSecond, "rows/s", Scale(plan, run)));
        }
        foreach (var run in ours)
        {
            if (run.Provider == "PostgreSql" && seed.FirstOrDefault(s => s.Videos == run.Videos) is { } baseline)
            {
                figures.Add(new Figure(Section, $"ratio.seed.{run.Source}.{run.Videos}",
                    $"ours ({run.Source}, PostgreSql) ÷ seed's design", run.PerSecond / baseline.PerSecond, "×", Scale(plan, run)));
            }
            if (limits.FirstOrDefault(l => l.Videos == run.Videos && l.Provider == run.Provider) is { } limit)
            {
                figures.Add(new Figure(Section, $"ratio.limit.{run.Source}.{run.Provider}.{run.Videos}".ToLowerInvariant(),
                    $"ours ({run.Source}, {run.Provider}) ÷ {limit.Source}", run.PerSecond / limit.PerSecond, "×", Scale(plan, run)));
            }
        }
        return figures;
    }

    /// <summary>The same run split: first sample of each video (a new actor, or no row yet) and the later ones.</summary>
    private static void AddPasses(List<Figure> figures, string key, string indent, ThroughputRun run, BenchmarkPlan plan)
    {
        if (run.Events <= run.Videos)
            return;
        figures.Add(new Figure(Section, key + ".first", $"{indent} of which first samples (actor starts / no row yet)",
            run.FirstPassPerSecond, "events/s", $"{run.Videos:N0} events"));
        figures.Add(new Figure(Section, key + ".later", $"{indent} of which later samples (actor in memory / row exists)",
            run.LaterPassesPerSecond, "events/s", $"{run.Events - run.Videos:N0} events"));
    }

    private static string Scale(BenchmarkPlan plan, ThroughputRun run)
    {
        var issueSize = IssueSizes[plan.ThroughputVideos.ToList().IndexOf(run.Videos)];
        return $"{BenchmarkPlan.Scaled(run.Videos, issueSize)} videos, {run.Events:N0} events";
    }
}
