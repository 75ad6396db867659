using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Serialization;

namespace YouTubeAnalytics.Actors.Channels;

/// <summary>
/// An event of a channel's own journal (persistence id "channel-{channelId}"). Its alerts are journalled as
/// <c>VideoEvents.AlertRaised</c> (manifest video.alert-raised.v1, Subject = Channel), the one type the "alert" tag
/// carries to the notifier, as the watchlist's new-upload alerts are.
/// </summary>
public interface IChannelEvent : IProtocolMessage;

public static class ChannelEvents
{
    /// <summary>A channel sample accepted into its history; the journal of these is the channel's time series.</summary>
    public sealed record StatsRecorded(ChannelStatsObserved Stats) : IChannelEvent;
}
