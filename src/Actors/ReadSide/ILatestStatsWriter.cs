using YouTubeAnalytics.Actors.Contracts;

namespace YouTubeAnalytics.Actors.ReadSide;

/// <summary>A video's latest figures as the read side lists them.</summary>
public sealed record VideoSummary(
    string VideoId,
    string? Title,
    string? ChannelId,
    string? ChannelTitle,
    long ViewCount,
    long? LikeCount,
    long? CommentCount,
    DateTimeOffset ObservedAt,
    long SampleCount,
    long AlertCount,
    DateTimeOffset? LastAlertAt,
    string? ThumbnailUrl = null)
{
    public static VideoSummary From(VideoStatsObserved s, long sampleCount, long alertCount, DateTimeOffset? lastAlertAt) =>
        new(s.VideoId, s.Title, s.ChannelId, s.ChannelTitle, s.ViewCount, s.LikeCount, s.CommentCount, s.ObservedAt,
            sampleCount, alertCount, lastAlertAt, s.ThumbnailUrl);
}

/// <summary>
/// The seam through which VideoActors feed the read side (in-memory when embedded, Redis when configured).
/// Implementations must not block: the call is made from inside an actor.
/// </summary>
public interface ILatestStatsWriter
{
    void Publish(VideoSummary summary);
}
