using YouTubeAnalytics.Actors.ReadSide;

namespace YouTubeAnalytics.Actors.Alerts.Summary;

/// <summary>
/// What a daily summary says, read from the read side and the alerts of the 24 h before <paramref name="Until"/>:
/// the top gainers (views gained over the day), every alert raised (milestones, surges, new uploads and ended streams
/// are picked from them), and the totals of every tracked video.
/// </summary>
public sealed record DailyFigures(
    DateTimeOffset Until,
    IReadOnlyList<VideoMover> TopGainers,
    IReadOnlyList<Alert> Alerts,
    int VideosTracked,
    long ViewsGained24h)
{
    public static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>
    /// The figures from what the node read, pure: the movers that gained views, most first (ties by video id), at most
    /// <paramref name="listed"/>; the alerts observed in the day before <paramref name="until"/> (after
    /// <c>until - 24 h</c>, at or before <paramref name="until"/>), once per alert id, oldest first.
    /// </summary>
    public static DailyFigures Of(
        DateTimeOffset until, IEnumerable<VideoMover> movers, IEnumerable<Alert> alerts, int videosTracked, long viewsGained24h, int listed) =>
        new(until,
            [.. movers.Where(m => m.ViewsGained > 0).OrderByDescending(m => m.ViewsGained).ThenBy(m => m.VideoId, StringComparer.Ordinal).Take(listed)],
            [.. alerts.Where(a => a.ObservedAt > until - Day && a.ObservedAt <= until)
                .DistinctBy(a => a.AlertId).OrderBy(a => a.ObservedAt).ThenBy(a => a.AlertId, StringComparer.Ordinal)],
            videosTracked,
            Math.Max(0, viewsGained24h));
}
