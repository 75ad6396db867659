using YouTubeAnalytics.Actors.Alerts;

namespace YouTubeAnalytics.Host.Configuration;

/// <summary>Alerts:Velocity: the surge rule ("velocity:views"), validated with its keys in <see cref="AppOptionsRegistration"/>.</summary>
public sealed class VelocityOptions
{
    public TimeSpan Window { get; set; } = VelocityRule.Default.Window;

    public TimeSpan Baseline { get; set; } = VelocityRule.Default.Baseline;

    public decimal Factor { get; set; } = VelocityRule.Default.Factor;

    public long MinimumViews { get; set; } = VelocityRule.Default.MinimumViews;

    public VelocityRule Rule => new(Window, Baseline, Factor, MinimumViews);
}
