namespace YouTubeAnalytics.Api.ReadSide;

/// <summary>One point of the read side's short view history: views at a time.</summary>
public readonly record struct ViewPoint(DateTimeOffset At, long Views);

/// <summary>Views gained over the last hour and the last day, measured back from the latest sample.</summary>
public readonly record struct ViewChanges(long LastHour, long LastDay)
{
    public static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    public static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>At most one point a minute is kept: enough for "the last hour", 1,440 points a day per video.</summary>
    public static readonly TimeSpan Resolution = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The change over a window: latest views minus the views at the window's start, taken from the newest point at
    /// or before it; a video seen for less than the window counts from its first point. Never negative (a count
    /// YouTube corrected down is no gain).
    /// </summary>
    public static ViewChanges Of(IReadOnlyList<ViewPoint> pointsOldestFirst, ViewPoint latest) =>
        new(Over(pointsOldestFirst, latest, Hour), Over(pointsOldestFirst, latest, Day));

    private static long Over(IReadOnlyList<ViewPoint> points, ViewPoint latest, TimeSpan window)
    {
        if (points.Count == 0)
            return 0;
        var start = latest.At - window;
        var baseline = points[0];
        foreach (var p in points)
        {
            if (p.At > start)
                break;
            baseline = p;
        }
        return Math.Max(0, latest.Views - baseline.Views);
    }

    /// <summary>
    /// Adds a point to a video's history (oldest first) and drops what no window needs any more: everything older
    /// than a day before the latest point except the newest of those (the day window's baseline). Points closer
    /// than <see cref="Resolution"/> to the previous kept one replace nothing: the older one stays the baseline.
    /// </summary>
    public static List<ViewPoint> Append(IReadOnlyList<ViewPoint> pointsOldestFirst, ViewPoint point)
    {
        var points = new List<ViewPoint>(pointsOldestFirst.Count + 1);
        points.AddRange(pointsOldestFirst);
        if (points.Count > 0 && point.At <= points[^1].At)
            return points;
        if (points.Count == 0 || point.At - points[^1].At >= Resolution)
            points.Add(point);
        var cutoff = point.At - Day;
        var firstNeeded = points.FindLastIndex(p => p.At <= cutoff);
        if (firstNeeded > 0)
            points.RemoveRange(0, firstNeeded);
        return points;
    }
}
