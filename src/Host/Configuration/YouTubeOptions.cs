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

    /// <summary>Where the day's spent units are kept, so a restart does not reset the count.</summary>
    public string QuotaFile { get; set; } = "data/youtube-quota.json";

    public bool HasApiKey => !string.IsNullOrWhiteSpace(ApiKey);
}
