using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Api.Videos;

public sealed record BaselineDto(long Value, DateTimeOffset At);

/// <summary>GET /videos/{id}/stats: the actor's state as the API shows it.</summary>
public sealed record VideoStatsDto(
    string VideoId,
    string? Title,
    string? ChannelId,
    string? ChannelTitle,
    DateTimeOffset? PublishedAt,
    long ViewCount,
    long? LikeCount,
    long? CommentCount,
    DateTimeOffset ObservedAt,
    long SampleCount,
    long AlertCount,
    DateTimeOffset? LastAlertAt,
    IReadOnlyDictionary<string, BaselineDto> Baselines,
    MilestoneForecastDto? NextMilestone = null,
    LiveDto? Live = null)
{
    public static VideoStatsDto From(VideoState s, MilestoneForecast? forecast = null)
    {
        var latest = s.Latest!;
        var baselines = new Dictionary<string, BaselineDto>();
        if (s.ViewsBaseline is { } v) baselines["views"] = new BaselineDto(v.Value, v.At);
        if (s.LikesBaseline is { } l) baselines["likes"] = new BaselineDto(l.Value, l.At);
        if (s.CommentsBaseline is { } c) baselines["comments"] = new BaselineDto(c.Value, c.At);
        return new VideoStatsDto(
            s.VideoId, latest.Title, latest.ChannelId, latest.ChannelTitle, latest.PublishedAt, latest.ViewCount,
            latest.LikeCount, latest.CommentCount, latest.ObservedAt, s.SampleCount, s.AlertCount, s.LastAlertAt, baselines,
            forecast is null ? null : new MilestoneForecastDto(forecast.Milestone, forecast.ExpectedAt, Math.Round(forecast.ViewsPerHour), forecast.InWords()),
            LiveDto.From(latest, s.Live));
    }
}

/// <summary>
/// A broadcast: its state now (liveBroadcastContent: upcoming, live or none once ended), viewers now (while live), and
/// the peak sampled while live; null for a video that never reported a broadcast.
/// </summary>
public sealed record LiveDto(
    string? LiveBroadcastContent, long? ConcurrentViewers, long? PeakConcurrentViewers, DateTimeOffset? PeakAt,
    DateTimeOffset? ActualStartTime, DateTimeOffset? ActualEndTime)
{
    public static LiveDto? From(YouTubeAnalytics.Actors.Contracts.VideoStatsObserved latest, YouTubeAnalytics.Actors.Live.LiveBroadcast? track) =>
        track is null && latest.LiveBroadcastContent is null or YouTubeAnalytics.Actors.Contracts.LiveBroadcastContents.None && latest.ActualStartTime is null
            ? null
            : new LiveDto(latest.LiveBroadcastContent, latest.ConcurrentViewers, track?.PeakViewers, track?.PeakAt,
                latest.ActualStartTime ?? track?.StartedAt, latest.ActualEndTime ?? track?.EndedAt);
}

/// <summary>When the video passes its next view milestone at its last day's rate; null without a forecast.</summary>
public sealed record MilestoneForecastDto(long Milestone, DateTimeOffset ExpectedAt, double ViewsPerHour, string Text);
