namespace YouTubeAnalytics.Api.Videos;

/// <summary>History:Retention: how far back history and alerts are served (YouTube's terms: 30 days for data about videos you do not own).</summary>
public sealed class HistoryOptions
{
    public const string Section = "History";
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);
}
