namespace YouTubeAnalytics.Api.ReadSide;

/// <summary>
/// A video's views over the last day for a table row's sparkline, from the points the read side keeps anyway (at most
/// one a minute), so the dashboard never asks /history once per row.
/// </summary>
public static class ViewSparkline
{
    /// <summary>At most this many values: enough for a 100-pixel line, small in every /videos item.</summary>
    public const int MaxValues = 48;

    /// <summary>
    /// Views oldest first, ending with the latest: the kept points within the day before <paramref name="latest"/>,
    /// thinned evenly to <see cref="MaxValues"/> when there are more.
    /// </summary>
    public static IReadOnlyList<long> Of(IReadOnlyList<ViewPoint> pointsOldestFirst, ViewPoint latest)
    {
        var start = latest.At - ViewChanges.Day;
        var earlier = pointsOldestFirst.Where(p => p.At >= start && p.At < latest.At).Select(p => p.Views).ToList();
        var room = MaxValues - 1;
        var values = new List<long>(Math.Min(earlier.Count, room) + 1);
        if (earlier.Count <= room)
            values.AddRange(earlier);
        else
            for (var i = 0; i < room; i++)
                values.Add(earlier[(int)((long)i * (earlier.Count - 1) / (room - 1))]);
        values.Add(latest.Views);
        return values;
    }
}
