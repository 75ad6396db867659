namespace YouTubeAnalytics.Benchmarks.Support;

/// <summary>
/// The sizes of one run. The full run does the sizes the issue names; --quick scales the slow ones down so the whole
/// run stays under two minutes on a 2-core machine, and every figure says the size it was measured at.
/// </summary>
public sealed record BenchmarkPlan(
    bool Quick,
    IReadOnlyList<int> ThroughputVideos,
    int EventsPerVideo,
    IReadOnlyList<int> MemoryVideos,
    int RecoveryVideos,
    int RecoveryEventsPerVideo,
    int LatencyRate,
    TimeSpan LatencyDuration,
    TimeSpan AlertEvery,
    int QuotaVideos,
    int SteadyVideos,
    int SteadySamples,
    int SteadyPairs,
    int LimitRows)
{
    public static BenchmarkPlan Full { get; } = new(
        Quick: false, ThroughputVideos: [1_000, 10_000], EventsPerVideo: 2, MemoryVideos: [10_000, 100_000],
        RecoveryVideos: 10_000, RecoveryEventsPerVideo: 100, LatencyRate: 1_000, LatencyDuration: TimeSpan.FromSeconds(60),
        AlertEvery: TimeSpan.FromMilliseconds(1_500), QuotaVideos: 1_000,
        SteadyVideos: 10_000, SteadySamples: 10, SteadyPairs: 3, LimitRows: 200_000);

    public static BenchmarkPlan QuickRun { get; } = new(
        Quick: true, ThroughputVideos: [200, 400], EventsPerVideo: 2, MemoryVideos: [1_000, 3_000],
        RecoveryVideos: 400, RecoveryEventsPerVideo: 100, LatencyRate: 1_000, LatencyDuration: TimeSpan.FromSeconds(8),
        AlertEvery: TimeSpan.FromMilliseconds(1_500), QuotaVideos: 1_000,
        SteadyVideos: 1_000, SteadySamples: 5, SteadyPairs: 2, LimitRows: 20_000);

    /// <summary>The issue's size for the n-th throughput or memory size, to say what a scaled-down run stands for.</summary>
    public static string Scaled(int measured, int issueSize) =>
        measured == issueSize ? $"{measured:N0}" : $"{measured:N0} (the full run does {issueSize:N0})";
}
