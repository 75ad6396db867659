using YouTubeAnalytics.Api.ReadSide;

namespace YouTubeAnalytics.Api.Tests.ReadSide;

public sealed class ViewSparklineSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Should_end_with_the_latest_views_even_between_kept_points()
    {
        List<ViewPoint> points = [new(T0, 100), new(T0.AddMinutes(1), 150)];
        var latest = new ViewPoint(T0.AddMinutes(1.5), 170); // too close to the last kept point to be kept itself

        Assert.Equal([100L, 150, 170], ViewSparkline.Of(points, latest));
        Assert.Equal([170L], ViewSparkline.Of([], latest));
    }

    [Fact]
    public void Should_thin_a_day_of_minutes_evenly_and_leave_out_the_baseline_before_the_day()
    {
        var points = new List<ViewPoint> { new(T0.AddMinutes(-5), 1) }; // the day window's baseline, older than a day
        for (var minute = 0; minute < 1_440; minute++)
            points.Add(new ViewPoint(T0.AddMinutes(minute), 1_000 + minute));
        var latest = new ViewPoint(T0.AddMinutes(1_440), 5_000);

        var line = ViewSparkline.Of(points, latest);

        Assert.Equal(ViewSparkline.MaxValues, line.Count);
        Assert.Equal(1_000, line[0]);          // the first point inside the day
        Assert.Equal(1_000 + 1_439, line[^2]); // the newest kept point
        Assert.Equal(5_000, line[^1]);
        Assert.Equal(line.Order(), line);      // oldest first
        var steps = line.Take(line.Count - 1).Zip(line.Skip(1).Take(line.Count - 2), (a, b) => b - a).ToList();
        Assert.True(steps.Max() - steps.Min() <= 1, string.Join(",", steps)); // evenly spaced in time
    }
}
