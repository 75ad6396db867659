namespace YouTubeAnalytics.Streams.YouTube;

/// <summary>
/// How many videos and channels one Google project follows at one cadence, computed (not measured) from the buckets'
/// daily limits: a call takes 50 ids for 1 unit (videos.list, videos:batchGetStats, channels.list statistics), and a
/// cadence of <c>cadence</c> makes 1 day / cadence rounds a day. With one bucket, video and channel calls share the Data
/// API's units; with both (YouTube:StatsEndpoint = both), the video counts take the batchGetStats bucket and the Data
/// API's keeps channels and each video's daily description by videos.list. Expansion, live broadcasts and target checks
/// are left out (they come on top, from the Data API bucket).
/// </summary>
public static class QuotaCapacity
{
    public static int RoundsPerDay(TimeSpan cadence) => (int)(TimeSpan.FromDays(1) / cadence);

    /// <summary>Videos and channels together, every <paramref name="cadence"/>, from the Data API bucket alone.</summary>
    public static int OneBucket(int dailyQuota, TimeSpan cadence) => dailyQuota / RoundsPerDay(cadence) * YouTubeClient.MaxIdsPerCall;

    /// <summary>Videos counted by batchGetStats, and channels on the Data API bucket after the videos' daily descriptions.</summary>
    public static (int Videos, int Channels) BothBuckets(int dailyQuota, int batchGetStatsQuota, TimeSpan cadence)
    {
        var videos = batchGetStatsQuota / RoundsPerDay(cadence) * YouTubeClient.MaxIdsPerCall;
        var descriptions = (videos + YouTubeClient.MaxIdsPerCall - 1) / YouTubeClient.MaxIdsPerCall; // one videos.list call per 50 videos a day
        var channels = Math.Max(0, dailyQuota - descriptions) / RoundsPerDay(cadence) * YouTubeClient.MaxIdsPerCall;
        return (videos, channels);
    }
}
