using System.Collections.Immutable;

namespace YouTubeAnalytics.Actors.Channels;

/// <summary>
/// The rules a ChannelActor evaluates: the percent rule on subscribers and views (Alerts:ChangeThresholdPercent,
/// Alerts:MinimumChange, as for videos) and the subscriber milestones (Alerts:SubscriberMilestones).
/// </summary>
public sealed record ChannelAlertSettings(decimal ChangeThresholdPercent, ImmutableArray<long> SubscriberMilestones, long MinimumChange = 10)
{
    public static readonly ImmutableArray<long> DefaultSubscriberMilestones =
        [1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    public static ChannelAlertSettings Default { get; } = new(5m, DefaultSubscriberMilestones);
}
