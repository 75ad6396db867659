using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Serialization;

namespace YouTubeAnalytics.Actors.Channels;

/// <summary>A message routed to one channel's entity by its id.</summary>
public interface IWithChannelId
{
    string ChannelId { get; }
}

public interface IChannelMessage : IWithChannelId, IProtocolMessage;

public static class ChannelCommands
{
    /// <summary>Offer a channel sample; answered with <see cref="StatsAccepted"/> after it is persisted, or <see cref="StatsIgnored"/>.</summary>
    public sealed record RecordStats(ChannelStatsObserved Stats) : IChannelMessage
    {
        public string ChannelId => Stats.ChannelId;
    }

    /// <summary>The ack: the sample is durable in the journal (and its alert, if any, with it).</summary>
    public sealed record StatsAccepted(string ChannelId, DateTimeOffset ObservedAt, string? AlertId) : IProtocolMessage;

    /// <summary>The sample changed nothing (stale, duplicate or invalid); safe to commit past it.</summary>
    public sealed record StatsIgnored(string ChannelId, DateTimeOffset ObservedAt, string Reason) : IProtocolMessage;
}

public static class ChannelQueries
{
    public sealed record GetChannelStats(string ChannelId) : IChannelMessage;

    /// <summary>The channel's current state; <c>State.HasSamples</c> is false for a channel never observed.</summary>
    public sealed record ChannelStatsReply(ChannelState State) : IProtocolMessage;
}
