using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Actors.Retention;

/// <summary>
/// History:SweepInterval: how often the sweep runs; <see cref="Retention"/> and <see cref="ClockTolerance"/> are
/// History:Retention and History:ClockTolerance. <see cref="Parallelism"/> videos are woken at a time, each answered
/// within <see cref="AskTimeout"/>.
/// </summary>
public sealed record RetentionSweepSettings(TimeSpan Interval, TimeSpan Retention, TimeSpan ClockTolerance)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(6);

    public int Parallelism { get; init; } = 4;

    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The first sweep after a start: soon, so a node that restarts often still sweeps, never before the interval would.</summary>
    public TimeSpan FirstDelay => Interval < TimeSpan.FromMinutes(5) ? Interval : TimeSpan.FromMinutes(5);
}

/// <summary>What one sweep did: videos woken and what each did, read-side entries removed.</summary>
public sealed record RetentionSweepReport(int VideosInJournal, int Unwatched, int Pruned, int Forgotten, int ReadSideRemoved, bool ClockDisagreed = false);

/// <summary>The pure part of the sweep: which videos of the journal it wakes.</summary>
public static class RetentionSweep
{
    public const string VideoPrefix = "video-";

    /// <summary>
    /// The video ids of <paramref name="persistenceIds"/> not in <paramref name="watched"/>: a watched video snapshots and
    /// prunes as it is sampled; one no longer watched is never sampled again, so only the sweep makes it obey retention.
    /// </summary>
    public static IReadOnlyList<string> Unwatched(IEnumerable<string> persistenceIds, IReadOnlySet<string> watched) =>
        [.. persistenceIds
            .Where(p => p.StartsWith(VideoPrefix, StringComparison.Ordinal))
            .Select(p => p[VideoPrefix.Length..])
            .Where(id => VideoId.IsValid(id) && !watched.Contains(id))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
}
