using YouTubeAnalytics.Benchmarks.Support;

namespace YouTubeAnalytics.Benchmarks.Steady;

/// <summary>
/// The honest side-by-side: ours and the seed's design on the same records and server, run interleaved
/// (ours, seed, ours, seed, …) so the shared machine's load falls on both alike; medians and spread reported, and the
/// database's limit measured on the journal's own table after each of our runs.
/// </summary>
public static class SteadyBenchmark
{
    public const string Section = "steady";

    /// <summary>Settings of ours for this run, e.g. a lever tried by scripts/bench.sh --set Key=Value.</summary>
    public static IDictionary<string, string?> Extra { get; set; } = new Dictionary<string, string?>();

    public static async Task<List<Figure>> RunAsync(BenchmarkPlan plan)
    {
        var all = Samples.Generate('s', plan.SteadyVideos, 1 + plan.SteadySamples);
        var activation = all.Take(plan.SteadyVideos).ToList();
        var steady = all.Skip(plan.SteadyVideos).ToList();
        var ours = new List<SteadyRun>();
        var seed = new List<SteadyRun>();
        var limits = new List<LimitRun>();
        for (var pair = 0; pair < plan.SteadyPairs; pair++)
        {
            Console.WriteLine($"  pair {pair + 1} of {plan.SteadyPairs}, load average {Machine.LoadAverage():F1}");
            ours.Add(await OursSteady.RunAsync(activation, steady, Extra, async journal =>
            {
                limits.Add(await JournalLimit.RunAsync(journal, plan.LimitRows));
                Console.WriteLine($"    database limit: COPY {limits[^1].CopyPerSecond:N0} rows/s, INSERT×100 {limits[^1].InsertPerSecond:N0} rows/s");
            }));
            seed.Add(await SeedDesign.RunAsync(activation, steady));
        }

        var runs = $"median of {plan.SteadyPairs} interleaved runs" +
                   (Extra.Count == 0 ? "" : $", ours with {string.Join(", ", Extra.Select(e => $"{e.Key}={e.Value}"))}");
        var scale = $"{BenchmarkPlan.Scaled(plan.SteadyVideos, 10_000)} live videos × {plan.SteadySamples} samples = {steady.Count:N0} events, {runs}";
        var oursRate = Stats.Median([.. ours.Select(r => r.SteadyPerSecond)]);
        var seedRate = Stats.Median([.. seed.Select(r => r.SteadyPerSecond)]);
        var copyRate = Stats.Median([.. limits.Select(l => l.CopyPerSecond)]);
        var insertRate = Stats.Median([.. limits.Select(l => l.InsertPerSecond)]);
        var pairRatios = ours.Zip(seed, (o, s) => o.SteadyPerSecond / s.SteadyPerSecond).ToList();
        var loads = ours.Concat(seed).Select(r => r.LoadAverage).ToList();
        var limitScale = $"{limits[0].Rows:N0} journal rows prepared before the clock, {runs}";
        return
        [
            new(Section, "steady.ours.kafka.postgresql", "ours: Kafka raw topic → VideoActor state, PostgreSQL (actors live)",
                oursRate, "events/s", $"{scale}; spread {Stats.Spread([.. ours.Select(r => r.SteadyPerSecond)])}"),
            new(Section, "steady.seed.kafka.postgresql", "seed's design: BEGIN, SELECT, UPSERT JSONB, COMMIT per record (+ publish)",
                seedRate, "events/s", $"{scale}; spread {Stats.Spread([.. seed.Select(r => r.SteadyPerSecond)])}"),
            new(Section, "ratio.seed.steady.kafka.postgresql", "ours ÷ seed's design, steady state",
                oursRate / seedRate, "×", $"{scale}; ratio of each pair {Stats.Spread(pairRatios, "0.00")}"),
            new(Section, "limit.copy.journal.postgresql", "database limit: binary COPY into a journal-shaped table",
                copyRate, "rows/s", $"{limitScale}; spread {Stats.Spread([.. limits.Select(l => l.CopyPerSecond)])}"),
            new(Section, "limit.insert.journal.postgresql", $"database limit: multi-row INSERT, {JournalLimit.RowsPerInsert} rows a statement and transaction",
                insertRate, "rows/s", $"{limitScale}; spread {Stats.Spread([.. limits.Select(l => l.InsertPerSecond)])}"),
            new(Section, "ratio.copy.steady.kafka.postgresql", "ours ÷ binary COPY, steady state",
                oursRate / copyRate, "×", scale),
            new(Section, "ratio.insert.steady.kafka.postgresql", "ours ÷ multi-row INSERT, steady state",
                oursRate / insertRate, "×", scale),
            new(Section, "activation.rate", "activation: every video's first sample into a new VideoActor (ours)",
                Stats.Median([.. ours.Select(r => r.ActivationPerSecond)]), "videos/s",
                $"{plan.SteadyVideos:N0} videos, {runs}; spread {Stats.Spread([.. ours.Select(r => r.ActivationPerSecond)])}"),
            new(Section, "activation.seed.rate", "  ↳ the seed's design, first record of each video (no row yet)",
                Stats.Median([.. seed.Select(r => r.ActivationPerSecond)]), "videos/s",
                $"{plan.SteadyVideos:N0} videos, {runs}; spread {Stats.Spread([.. seed.Select(r => r.ActivationPerSecond)])}"),
            new(Section, "steady.ours.cpu-ms-per-event", "  ↳ ours: CPU of the host process per event (steady rounds)",
                Stats.Median([.. ours.Select(r => r.ProcessCpuMsPerEvent)]), "ms", $"{runs}; spread {Stats.Spread([.. ours.Select(r => r.ProcessCpuMsPerEvent)], "0.00")}"),
            new(Section, "steady.ours.db-cpu-ms-per-event", "  ↳ ours: CPU of the PostgreSQL backends per event",
                Stats.Median([.. ours.Select(r => r.DatabaseCpuMsPerEvent)]), "ms", $"{runs}; spread {Stats.Spread([.. ours.Select(r => r.DatabaseCpuMsPerEvent)], "0.00")}"),
            new(Section, "steady.seed.cpu-ms-per-event", "  ↳ seed's design: CPU of its consumer process per event",
                Stats.Median([.. seed.Select(r => r.ProcessCpuMsPerEvent)]), "ms", $"{runs}; spread {Stats.Spread([.. seed.Select(r => r.ProcessCpuMsPerEvent)], "0.00")}"),
            new(Section, "steady.seed.db-cpu-ms-per-event", "  ↳ seed's design: CPU of the PostgreSQL backend per event",
                Stats.Median([.. seed.Select(r => r.DatabaseCpuMsPerEvent)]), "ms", $"{runs}; spread {Stats.Spread([.. seed.Select(r => r.DatabaseCpuMsPerEvent)], "0.00")}"),
            new(Section, "steady.load-average", "1-minute load average at the end of each run",
                Stats.Median(loads), "load", $"{loads.Count} runs on {Environment.ProcessorCount} cores; spread {Stats.Spread(loads, "0.0")}"),
        ];
    }
}
