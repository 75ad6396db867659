using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Alerts.Summary;
using YouTubeAnalytics.Actors.ReadSide;

namespace YouTubeAnalytics.Actors.Tests.Alerts.Summary;

/// <summary><see cref="DailyFigures.Of"/>: which gainers and alerts a daily summary reports, pure.</summary>
public sealed class DailyFiguresSpecs
{
    private static readonly DateTimeOffset Until = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private static Alert Alert(string id, DateTimeOffset at) =>
        new(id, "dQw4w9WgXcQ", "Title", "Chan", at, 1_000, null, null,
            [new Breach("milestone:views:1000", Metric.Views, 999, 1_000, 1, 0.1m, TimeSpan.FromMinutes(5), 1_000)]);

    [Fact]
    public void Should_keep_the_alerts_of_the_day_before_the_summary_once_each_oldest_first()
    {
        var figures = DailyFigures.Of(Until, [],
        [
            Alert("late", Until.AddSeconds(1)), Alert("b", Until.AddHours(-1)), Alert("edge-old", Until.AddDays(-1)),
            Alert("a", Until.AddHours(-23)), Alert("b", Until.AddHours(-1)), Alert("edge-new", Until),
        ], 3, 500, listed: 10);

        Assert.Equal(["a", "b", "edge-new"], figures.Alerts.Select(a => a.AlertId));
        Assert.Equal(Until, figures.Until);
        Assert.Equal((3, 500L), (figures.VideosTracked, figures.ViewsGained24h));
    }

    [Fact]
    public void Should_list_the_videos_that_gained_most_first_and_no_more_than_asked()
    {
        var movers = new[]
        {
            new VideoMover("aaaaaaaaaaa", "A", 10, 0), new VideoMover("bbbbbbbbbbb", "B", 10, 50), new VideoMover("ccccccccccc", "C", 10, 900),
            new VideoMover("ddddddddddd", "D", 10, 50), new VideoMover("eeeeeeeeeee", "E", 10, 7),
        };

        var figures = DailyFigures.Of(Until, movers, [], 5, 1_007, listed: 3);

        Assert.Equal(["ccccccccccc", "bbbbbbbbbbb", "ddddddddddd"], figures.TopGainers.Select(m => m.VideoId));
    }

    [Fact]
    public void Should_report_no_negative_gain_in_the_totals() =>
        Assert.Equal(0, DailyFigures.Of(Until, [], [], 1, -40, listed: 10).ViewsGained24h);
}
