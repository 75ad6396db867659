using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Tests.Support;
using YouTubeAnalytics.Actors.Videos;
using static YouTubeAnalytics.Actors.Tests.Support.Samples;

namespace YouTubeAnalytics.Actors.Tests.Videos;

public sealed class MilestoneForecastSpecs
{
    private static readonly AlertSettings Settings = AlertSettings.Default with { Velocity = VelocityRule.Default };

    private static VideoState Fold(params VideoStatsObserved[] samples) => Offered.Samples(Settings, samples, T0.AddDays(30)).State;

    [Fact]
    public void Should_forecast_the_next_milestone_above_the_highest_views_at_the_last_days_rate()
    {
        // 1,000 views an hour for 30 hours: the rate is read over the last day only.
        var state = Fold([.. Enumerable.Range(0, 31).Select(h => At(h * 60, 900_000 + h * 1_000L))]);

        var forecast = MilestoneForecast.For(state, Settings.ViewMilestones)!;

        Assert.Equal(1_000_000, forecast.Milestone);
        Assert.Equal(1_000, forecast.ViewsPerHour, tolerance: 0.5);
        Assert.Equal(T0.AddHours(30 + 70), forecast.ExpectedAt);
        Assert.Equal("1,000,000 views in ~3 days", forecast.InWords());
    }

    [Fact]
    public void Should_forecast_nothing_when_the_views_stand_still()
    {
        var state = Fold(At(0, 5_000), At(60, 5_000), At(120, 5_000));
        Assert.Null(MilestoneForecast.For(state, Settings.ViewMilestones));
    }

    [Fact]
    public void Should_forecast_nothing_beyond_a_year()
    {
        // 10 views an hour, 9,000 to go to 10,000: 900 hours is fine; 990,000 to 1,000,000 at 1 view an hour is not.
        Assert.NotNull(MilestoneForecast.For(Fold(At(0, 1_000), At(60, 1_010), At(120, 1_020)), Settings.ViewMilestones));
        Assert.Null(MilestoneForecast.For(Fold(At(0, 100_000), At(60, 100_001), At(120, 100_002)), Settings.ViewMilestones));
    }

    [Fact]
    public void Should_forecast_nothing_past_the_last_milestone_or_without_a_track()
    {
        var state = Fold(At(0, 2_000_000_000), At(60, 2_000_100_000), At(120, 2_000_200_000));
        Assert.Null(MilestoneForecast.For(state, Settings.ViewMilestones));
        Assert.Null(MilestoneForecast.For(state with { Velocity = null }, Settings.ViewMilestones));
    }
}
