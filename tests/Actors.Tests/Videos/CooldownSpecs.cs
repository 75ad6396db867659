using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Tests.Support;
using YouTubeAnalytics.Actors.Videos;
using static YouTubeAnalytics.Actors.Tests.Support.Samples;

namespace YouTubeAnalytics.Actors.Tests.Videos;

/// <summary>Alerts:Cooldown in <see cref="VideoState"/>: percent alerts held, milestones not.</summary>
public sealed class CooldownSpecs
{
    private static readonly AlertSettings Settings = AlertSettings.Default with { Cooldown = TimeSpan.FromMinutes(15) };
    private static readonly DateTimeOffset Now = T0.AddDays(1);

    private static List<Alert> Alerts(AlertSettings settings, IEnumerable<VideoStatsObserved> samples) =>
        Offered.Samples(settings, samples, Now).Events.Alerts();

    /// <summary>A baseline at minute 0, then +6% a minute from minute 1 to 11, then one more +6% at <paramref name="last"/>.</summary>
    private static List<VideoStatsObserved> SixPercentSteps(int last)
    {
        var samples = new List<VideoStatsObserved> { At(0, 100_000, likes: null, comments: null) };
        double views = 100_000;
        foreach (var minute in Enumerable.Range(1, 11).Append(last))
            samples.Add(At(minute, (long)(views *= 1.06), likes: null, comments: null));
        return samples;
    }

    [Fact]
    public void Should_send_the_first_breach_at_once_and_the_held_ones_as_one_alert_with_the_whole_change()
    {
        var samples = SixPercentSteps(last: 17);

        var alerts = Alerts(Settings with { ViewMilestones = [] }, samples);

        Assert.Equal(2, alerts.Count);
        Assert.Equal(T0.AddMinutes(1), alerts[0].ObservedAt); // the first breach goes out at once
        var whole = alerts[1].Breaches.Single();
        Assert.Equal(T0.AddMinutes(17), alerts[1].ObservedAt); // ten +6% samples (minutes 2-11) held, sent after it
        Assert.Equal(samples[1].ViewCount, whole.Previous); // from the baseline the first alert set
        Assert.Equal(samples[^1].ViewCount, whole.Current);
        Assert.Equal(TimeSpan.FromMinutes(16), whole.Window);
        Assert.True(whole.DeltaPct > 70m, $"the whole change, not one step: {whole.DeltaPct}%");
    }

    [Fact]
    public void Should_send_every_breach_with_the_cooldown_off()
    {
        var alerts = Alerts(AlertSettings.Default with { ViewMilestones = [] }, SixPercentSteps(last: 17));
        Assert.Equal(12, alerts.Count);
    }

    [Fact]
    public void Should_still_send_a_milestone_inside_the_cooldown()
    {
        var alerts = Alerts(Settings, [At(0, 900_000), At(1, 960_000), At(3, 990_000), At(5, 1_001_000), At(8, 1_010_000)]);

        Assert.Equal(2, alerts.Count);
        Assert.Equal("change:views:5%", alerts[0].Breaches.Single().Rule);
        Assert.Equal("milestone:views:1000000", alerts[1].Breaches.Single().Rule); // no percent breach beside it: held
    }

    [Fact]
    public void Should_hold_nothing_when_the_held_change_fell_below_the_threshold()
    {
        // +6% then a further +3% inside the cooldown: after it the change from the baseline is 3%, below 5%.
        var alerts = Alerts(Settings with { ViewMilestones = [] },
            [At(0, 100_000), At(1, 106_000), At(5, 109_180), At(20, 109_200)]);
        Assert.Single(alerts);
    }
}
