using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Streams.Demo;

namespace YouTubeAnalytics.Streams.Tests.Demo;

/// <summary>
/// The figure of issue 18: alerts per hour on the demo source (36 videos, a sample every 5 s) over 30 minutes of demo
/// time, from a fresh node, with the percent rule alone and then with the cooldown and the surge rule (window 5 min,
/// baseline 1 h: the defaults need hours of history). The demo's counts are a pure function of time, so the run feeds
/// <see cref="VideoState"/> exactly the samples a 30-minute run of the host would, without waiting 30 minutes.
/// Prints "FIGURE" lines.
/// </summary>
public sealed class AlertRateFigureSpecs(ITestOutputHelper output)
{
    private static readonly TimeSpan Run = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    // Four starts spread over the demo's 3-hour upload cycle, so fresh uploads are seen at every age.
    private static readonly DateTimeOffset[] Starts =
        [.. Enumerable.Range(0, 4).Select(i => new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero) + i * DemoCatalog.UploadCycle / 4)];

    private static readonly AlertSettings PercentAlone = AlertSettings.Default;

    private static readonly AlertSettings WithCooldownAndSurges = AlertSettings.Default with
    {
        Cooldown = TimeSpan.FromMinutes(15),
        Velocity = VelocityRule.Default with { Window = TimeSpan.FromMinutes(5), Baseline = TimeSpan.FromHours(1) },
    };

    private static (int Alerts, int Surges, int Milestones) Count(AlertSettings settings, DateTimeOffset start)
    {
        var catalog = new DemoCatalog(36);
        var states = new Dictionary<string, VideoState>();
        var (alerts, surges, milestones) = (0, 0, 0);
        for (var at = start; at < start + Run; at += Interval)
            foreach (var sample in catalog.SamplesAt(at))
            {
                var state = states.GetValueOrDefault(sample.VideoId) ?? VideoState.Empty(sample.VideoId).Configured(settings);
                if (state.Process(sample, settings, at) is SampleDecision.Accept accept)
                    foreach (var e in accept.Events)
                    {
                        state = state.Apply(e);
                        if (e is not VideoEvents.AlertRaised raised)
                            continue;
                        alerts++;
                        surges += raised.Alert.Breaches.Count(b => b.Rule == VelocityRule.RuleName);
                        milestones += raised.Alert.Breaches.Count(b => b.Milestone is not null);
                    }
                states[sample.VideoId] = state;
            }
        return (alerts, surges, milestones);
    }

    [Fact]
    public void Should_send_fewer_alerts_an_hour_with_the_cooldown_and_say_when_views_surge()
    {
        var before = Starts.Select(s => Count(PercentAlone, s)).ToList();
        var after = Starts.Select(s => Count(WithCooldownAndSurges, s)).ToList();

        double PerHour(IEnumerable<int> counts) => counts.Average() / Run.TotalHours;
        output.WriteLine($"FIGURE demo alerts/h, percent rule alone: {PerHour(before.Select(b => b.Alerts)):0} " +
                         $"(runs: {string.Join(", ", before.Select(b => b.Alerts))} alerts in 30 min)");
        output.WriteLine($"FIGURE demo alerts/h, with cooldown 15 min and surges (window 5 min, baseline 1 h): " +
                         $"{PerHour(after.Select(a => a.Alerts)):0} (runs: {string.Join(", ", after.Select(a => a.Alerts))}; " +
                         $"surges/h {PerHour(after.Select(a => a.Surges)):0.#}, milestones/h {PerHour(after.Select(a => a.Milestones)):0.#})");

        Assert.True(PerHour(after.Select(a => a.Alerts)) < PerHour(before.Select(b => b.Alerts)) / 2,
            "the cooldown at least halves the alerts");
        Assert.Equal(before.Select(b => b.Milestones), after.Select(a => a.Milestones)); // milestones ignore the cooldown
    }
}
