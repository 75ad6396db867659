namespace YouTubeAnalytics.Benchmarks.Support;

/// <summary>One measured number, as it goes into docs/benchmarks.json and a row of docs/BENCHMARKS.md.</summary>
/// <param name="Section">The benchmark that measured it: throughput, latency, memory, recovery, quota.</param>
/// <param name="Key">A stable machine name, e.g. "throughput.kafka.postgresql.1000".</param>
/// <param name="Scale">What was run, in words a reader can check (videos, events, how it was scaled in --quick).</param>
public sealed record Figure(string Section, string Key, string Name, double Value, string Unit, string Scale);
