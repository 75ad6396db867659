using YouTubeAnalytics.Benchmarks.Latency;
using YouTubeAnalytics.Benchmarks.Memory;
using YouTubeAnalytics.Benchmarks.Quota;
using YouTubeAnalytics.Benchmarks.Steady;
using YouTubeAnalytics.Benchmarks.Support;
using YouTubeAnalytics.Benchmarks.Throughput;

namespace YouTubeAnalytics.Benchmarks;

/// <summary>The sections of a run, in the order they run; each can be run alone with --only.</summary>
public static class Benchmarks
{
    public static readonly string[] Sections = [SteadyBenchmark.Section, ThroughputBenchmark.Section, AlertLatencyBenchmark.Section, MemoryBenchmark.Section, RecoveryBenchmark.Section, QuotaBenchmark.Section];

    public static Task<List<Figure>> RunAsync(string section, BenchmarkPlan plan) => section switch
    {
        SteadyBenchmark.Section => SteadyBenchmark.RunAsync(plan),
        ThroughputBenchmark.Section => ThroughputBenchmark.RunAsync(plan),
        AlertLatencyBenchmark.Section => AlertLatencyBenchmark.RunAsync(plan),
        MemoryBenchmark.Section => MemoryBenchmark.RunAsync(plan),
        RecoveryBenchmark.Section => RecoveryBenchmark.RunAsync(plan),
        QuotaBenchmark.Section => QuotaBenchmark.RunAsync(plan),
        _ => throw new ArgumentOutOfRangeException(nameof(section), section, "unknown section"),
    };

    public static string Title(string section) => section switch
    {
        SteadyBenchmark.Section => "Steady state, side by side with the seed's design and the database's limit",
        ThroughputBenchmark.Section => "Stateful throughput, against the seed's design and the database's limit",
        AlertLatencyBenchmark.Section => "Alert latency at 1,000 events/s",
        MemoryBenchmark.Section => "Memory per active video",
        RecoveryBenchmark.Section => "Recovery",
        QuotaBenchmark.Section => "YouTube quota",
        _ => section,
    };
}
