namespace YouTubeAnalytics.Streams.YouTube;

public sealed partial class YouTubeClient
{
    /// <summary>The method's name in the quota counts, the metrics and the log: YouTube's own.</summary>
    public const string BatchGetStatsMethod = "videos.batchGetStats";

    /// <summary>
    /// videos:batchGetStats part=snippet,statistics for up to 50 ids (1 unit): counts and snippet.publishTime only (no
    /// title, channel, thumbnail or live details). Built from the public reference's request and response shapes and
    /// tested against the fake server; it has not been tried against the real API. The unit is reserved from its own
    /// bucket (<see cref="Actors.Quota.QuotaBuckets.BatchGetStats"/>, YouTube:BatchGetStatsQuota), for video-refresh. Items
    /// are read as <see cref="ListVideosAsync(IReadOnlyCollection{string}, CancellationToken)"/> reads them.
    /// </summary>
    public async Task<VideoListAnswer> BatchGetStatsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count is 0 or > MaxIdsPerCall)
            throw new ArgumentOutOfRangeException(nameof(ids), $"videos:batchGetStats takes 1 to {MaxIdsPerCall} ids");
        // "./": a relative reference whose first segment holds a colon would read as a URI scheme.
        var response = await GetAsync(
            $"./videos:batchGetStats?part=snippet,statistics&id={Uri.EscapeDataString(string.Join(',', ids))}",
            BatchGetStatsMethod, Actors.Quota.QuotaPurposes.VideoRefresh, YouTubeJsonContext.Default.RawVideoListResponse, cancellationToken);
        return ReadVideos(response, ids);
    }
}
