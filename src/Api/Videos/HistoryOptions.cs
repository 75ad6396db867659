namespace YouTubeAnalytics.Api.Videos;

/// <summary>
/// History:Retention: how far back history and alerts are served (YouTube's terms: 30 days for data about videos you
/// do not own). History:MaxConcurrentReads: journal reads for /history in flight on one node; more get a 429.
/// History:ClockTolerance: how far the wall clock may stray from the process's monotonic reference before the
/// retention prune stops deleting (a clock jump). History:SweepInterval: how often the retention sweep makes the videos
/// no longer watched (never sampled, so never pruned by themselves) and the read side obey the retention.
/// </summary>
public sealed class HistoryOptions
{
    public const string Section = "History";
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);
    public TimeSpan ClockTolerance { get; set; } = TimeSpan.FromMinutes(5);
    public int MaxConcurrentReads { get; set; } = 8;
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(6);
}

/// <summary>The /history reads in flight on this node (History:MaxConcurrentReads).</summary>
public sealed class HistoryReadGate(int limit)
{
    private long _eventsRead;

    public ConcurrencyGate Gate { get; } = new(limit);

    /// <summary>Journal events read for /history since start (a read that stops on hang-up stops this count).</summary>
    public long EventsRead => Interlocked.Read(ref _eventsRead);

    internal void CountRead() => Interlocked.Increment(ref _eventsRead);
}
