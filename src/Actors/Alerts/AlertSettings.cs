using System.Collections.Immutable;

namespace YouTubeAnalytics.Actors.Alerts;

/// <summary>
/// The rule parameters every VideoActor evaluates samples against. <see cref="MinimumChange"/> keeps small counts
/// quiet: 3 to 4 comments is +33%, but nobody wants a message about one comment. <see cref="Cooldown"/> holds a video's
/// percent alerts for that long after one went out (zero: off); <see cref="Velocity"/> is the surge rule (null: off).
/// <see cref="Default"/> is the percent and milestone rules alone; the host sets all of them from Alerts:*.
/// </summary>
public sealed record AlertSettings(
    decimal ChangeThresholdPercent,
    ImmutableArray<long> ViewMilestones,
    long MinimumChange = 10,
    TimeSpan Cooldown = default,
    VelocityRule? Velocity = null)
{
    public static readonly ImmutableArray<long> DefaultMilestones =
        [1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    public static AlertSettings Default { get; } = new(5m, DefaultMilestones);
}
