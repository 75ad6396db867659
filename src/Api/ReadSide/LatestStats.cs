using YouTubeAnalytics.Actors.ReadSide;

namespace YouTubeAnalytics.Api.ReadSide;

/// <summary>How GET /videos orders: by views, most recent sample, alert count, or views gained in the last hour/day.</summary>
public enum VideoSort
{
    Views,
    Recent,
    Alerts,
    Change1h,
    Change24h,
}

public sealed record VideoQuery(int Page, int PageSize, VideoSort Sort, string? ChannelId = null);

/// <summary>
/// A video's latest figures plus the views it gained over the last hour and day (as far as the read side saw), its
/// thumbnail and a sparkline of its views over the last day (<see cref="ViewSparkline"/>). Items stored before the
/// last two existed (Redis) read with them null.
/// </summary>
public sealed record VideoListItem(
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
    long ViewsChange1h,
    long ViewsChange24h,
    string? ThumbnailUrl = null,
    IReadOnlyList<long>? ViewsSparkline = null)
{
    /// <summary>The item for <paramref name="s"/>, given the read side's kept points (oldest first) and the latest one.</summary>
    public static VideoListItem From(VideoSummary s, IReadOnlyList<ViewPoint> pointsOldestFirst, ViewPoint latest)
    {
        var changes = ViewChanges.Of(pointsOldestFirst, latest);
        return new(s.VideoId, s.Title, s.ChannelId, s.ChannelTitle, s.ViewCount, s.LikeCount, s.CommentCount, s.ObservedAt,
            s.SampleCount, s.AlertCount, s.LastAlertAt, changes.LastHour, changes.LastDay, s.ThumbnailUrl,
            ViewSparkline.Of(pointsOldestFirst, latest));
    }

    /// <summary>The score a sort ranks by (higher first; ties by video id).</summary>
    public double Score(VideoSort sort) => sort switch
    {
        VideoSort.Recent => ObservedAt.ToUnixTimeMilliseconds(),
        VideoSort.Alerts => AlertCount,
        VideoSort.Change1h => ViewsChange1h,
        VideoSort.Change24h => ViewsChange24h,
        _ => ViewCount,
    };
}

public sealed record VideoPage(IReadOnlyList<VideoListItem> Items, int Page, int PageSize, int Total);

/// <summary>Every video the read side lists, added up: how many, and the views they gained over the last hour and day.</summary>
public sealed record ReadSideTotals(int Videos, long ViewsGained1h, long ViewsGained24h);

/// <summary>What API nodes read list queries from, without asking every actor (Redis, or in-memory when embedded).</summary>
public interface ILatestStatsReader
{
    /// <summary>"redis" or "in-memory", for GET / and the startup report.</summary>
    string Name { get; }

    Task<VideoPage> ListAsync(VideoQuery query, CancellationToken cancellationToken);

    Task<VideoListItem?> FindAsync(string videoId, CancellationToken cancellationToken);

    /// <summary>The totals over every listed video (GET /summary), without reading each video.</summary>
    Task<ReadSideTotals> TotalsAsync(CancellationToken cancellationToken);
}

/// <summary>Each video update as the read side stores it, pushed to this node's dashboard clients.</summary>
public interface IVideoUpdateFeed
{
    /// <summary>Calls <paramref name="onUpdate"/> for every update until the subscription is disposed; must not block.</summary>
    IDisposable Subscribe(Action<VideoListItem> onUpdate);
}

/// <summary>The bot's /top over either read side: the hour's or the day's gain leaderboard.</summary>
internal static class Leaderboards
{
    public static async Task<IReadOnlyList<VideoMover>> TopMoversAsync(
        ILatestStatsReader reader, TimeSpan window, int count, CancellationToken cancellationToken)
    {
        var hour = window <= ViewChanges.Hour;
        var page = await reader.ListAsync(new VideoQuery(1, Math.Max(1, count), hour ? VideoSort.Change1h : VideoSort.Change24h), cancellationToken);
        return [.. page.Items.Select(v => new VideoMover(v.VideoId, v.Title, v.ViewCount, hour ? v.ViewsChange1h : v.ViewsChange24h))];
    }
}
