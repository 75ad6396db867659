namespace YouTubeAnalytics.Host.Configuration;

public sealed class YouTubeOptions
{
    public const string Section = "YouTube";
    public string? ApiKey { get; set; }
    public string BaseUrl { get; set; } = "https://www.googleapis.com/youtube/v3/";
    public int DailyQuota { get; set; } = 10_000;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often watched playlists and channel uploads are read again for new videos.</summary>
    public TimeSpan ExpandInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often each watched channel's statistics are sampled (channels.list, 50 channels a unit).</summary>
    public TimeSpan ChannelInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often a broadcast upcoming or on air is refreshed (concurrent viewers, go-live), inside the quota.</summary>
    public TimeSpan LiveInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one call may take before it counts as a timeout (retried with backoff).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>videos.list (default), batchGetStats or both: which method refreshes the counts (see <c>StatsEndpoint</c> in Streams).</summary>
    public string StatsEndpoint { get; set; } = "videos.list";

    /// <summary>Units per day of the videos:batchGetStats bucket (its own, apart from YouTube:DailyQuota).</summary>
    public int BatchGetStatsQuota { get; set; } = 10_000;

    /// <summary>YouTube:StatsEndpoint read; videos.list when the value is not one of the three (validation refuses it at start).</summary>
    public Streams.YouTube.StatsEndpoint Stats =>
        Streams.YouTube.StatsEndpoints.TryParse(StatsEndpoint, out var endpoint) ? endpoint : Streams.YouTube.StatsEndpoint.VideosList;

    public bool HasApiKey => !string.IsNullOrWhiteSpace(ApiKey);
}
