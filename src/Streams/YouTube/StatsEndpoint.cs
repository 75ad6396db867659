using YouTubeAnalytics.Actors.Quota;

namespace YouTubeAnalytics.Streams.YouTube;

/// <summary>
/// Which method refreshes the statistics of watched videos (YouTube:StatsEndpoint):
/// <c>videos.list</c> (the default: counts, snippet and live details from the Data API bucket);
/// <c>batchGetStats</c> (counts from videos:batchGetStats and its own bucket; videos.list only describes a video once,
/// when it joins, so its samples carry a title; no live details);
/// <c>both</c> (counts from videos:batchGetStats; videos.list for broadcasts upcoming or on air, for a video's first
/// description and a daily one, and for every refresh while the batchGetStats bucket is gone).
/// </summary>
public enum StatsEndpoint
{
    VideosList,
    BatchGetStats,
    Both,
}

public static class StatsEndpoints
{
    public const string Setting = "YouTube:StatsEndpoint";

    /// <summary>The setting's values, as written in configuration (case-insensitive).</summary>
    public static readonly IReadOnlyList<string> Names = ["videos.list", "batchGetStats", "both"];

    public static bool TryParse(string? value, out StatsEndpoint endpoint)
    {
        endpoint = StatsEndpoint.VideosList;
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "videos.list":
                return true;
            case "batchgetstats":
                endpoint = StatsEndpoint.BatchGetStats;
                return true;
            case "both":
                endpoint = StatsEndpoint.Both;
                return true;
            default:
                return false;
        }
    }

    public static string NameOf(StatsEndpoint endpoint) => Names[(int)endpoint];
}

/// <summary>One call of a round: videos.list or videos:batchGetStats, for these ids, counted to this purpose.</summary>
public sealed record PlannedCall(string Method, string Purpose, IReadOnlyList<string> Ids)
{
    public string Bucket => YouTubeClient.BucketOf(Method);
}

/// <summary>
/// Splits a round's due videos into calls by <see cref="StatsEndpoint"/> and by which buckets are open. Pure: the
/// poller supplies what it knows of each video (on air or upcoming; described by videos.list, and whether that
/// description is due again).
/// </summary>
public static class RefreshPlan
{
    public const string VideosList = "videos.list";

    public static IReadOnlyList<PlannedCall> For(
        IReadOnlyList<IReadOnlyList<string>> dueBatches, StatsEndpoint endpoint, Func<string, bool> isLive,
        Func<string, bool> isDescribed, Func<string, bool> isDescriptionDue, bool dataApiOpen, bool batchOpen)
    {
        if (endpoint == StatsEndpoint.VideosList || (endpoint == StatsEndpoint.Both && !batchOpen))
        {
            // The schedule's own batches (one unit each however full); a call of broadcasts only counts as live.
            return dataApiOpen
                ? [.. dueBatches.Select(b => new PlannedCall(VideosList, b.All(isLive) ? QuotaPurposes.Live : QuotaPurposes.VideoRefresh, b))]
                : [];
        }
        var due = dueBatches.SelectMany(b => b).ToList();
        bool Listed(string id) => !isDescribed(id)
            || (endpoint == StatsEndpoint.Both && (isLive(id) || isDescriptionDue(id)));
        var listed = dataApiOpen ? due.Where(Listed).ToList() : [];
        // A video never described waits for videos.list (its samples need a title); the others take batchGetStats.
        var listedIds = listed.ToHashSet(StringComparer.Ordinal);
        var counted = batchOpen ? due.Where(id => isDescribed(id) && !listedIds.Contains(id)).ToList() : [];
        var calls = new List<PlannedCall>();
        calls.AddRange(listed.Where(isLive).Chunk(YouTubeClient.MaxIdsPerCall).Select(c => new PlannedCall(VideosList, QuotaPurposes.Live, c)));
        calls.AddRange(listed.Where(id => !isLive(id)).Chunk(YouTubeClient.MaxIdsPerCall).Select(c => new PlannedCall(VideosList, QuotaPurposes.VideoRefresh, c)));
        calls.AddRange(counted.Chunk(YouTubeClient.MaxIdsPerCall).Select(c => new PlannedCall(YouTubeClient.BatchGetStatsMethod, QuotaPurposes.VideoRefresh, c)));
        return calls;
    }
}
