using YouTubeAnalytics.Api.ReadSide;

namespace YouTubeAnalytics.Api.Tests.ReadSide;

public sealed class ViewChangesSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static List<ViewPoint> Series(params (double Minutes, long Views)[] points)
    {
        var list = new List<ViewPoint>();
        foreach (var (m, v) in points)
            list = ViewChanges.Append(list, new ViewPoint(T0.AddMinutes(m), v));
        return list;
    }

    [Fact]
    public void Should_measure_the_gain_from_the_last_point_at_or_before_the_window_start()
    {
        var points = Series((0, 100), (30, 150), (70, 400), (90, 500));

        var changes = ViewChanges.Of(points, points[^1]);

        Assert.Equal(350, changes.LastHour); // 500 - 150 (the point at 30 min is the last one before 90 - 60)
        Assert.Equal(400, changes.LastDay);  // seen for less than a day: from the first point
    }

    [Fact]
    public void Should_count_nothing_for_a_single_sample_or_a_count_corrected_down()
    {
        var single = Series((0, 100));
        Assert.Equal(new ViewChanges(0, 0), ViewChanges.Of(single, single[0]));

        var down = Series((0, 500), (10, 300));
        Assert.Equal(new ViewChanges(0, 0), ViewChanges.Of(down, down[^1]));
    }

    [Fact]
    public void Should_keep_one_point_a_minute_and_only_what_the_day_window_needs()
    {
        var points = Series((0, 1), (0.5, 2), (1, 3), (60 * 25, 4), (60 * 25 + 1, 5));

        Assert.DoesNotContain(points, p => p.Views == 2); // within the minute of the point before
        Assert.Equal([3, 4, 5], points.Select(p => p.Views)); // the newest point older than a day stays as the baseline
    }

    [Fact]
    public void Should_ignore_a_point_not_newer_than_the_last()
    {
        var points = Series((10, 5), (5, 3));
        Assert.Equal([5L], points.Select(p => p.Views));
    }
}
