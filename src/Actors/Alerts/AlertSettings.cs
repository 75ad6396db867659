using System.Collections.Immutable;

namespace YouTubeAnalytics.Actors.Alerts;

/// <summary>
/// The rule parameters every VideoActor evaluates samples against. <see cref="MinimumChange"/> keeps small counts
/// quiet: 3 to 4 comments is +33%, but nobody wants a message about one comment.
/// </summary>
public sealed record AlertSettings(decimal ChangeThresholdPercent, ImmutableArray<long> ViewMilestones, long MinimumChange = 10)
{
    public static readonly ImmutableArray<long> DefaultMilestones =
        [1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    public static AlertSettings Default { get; } = new(5m, DefaultMilestones);
}
