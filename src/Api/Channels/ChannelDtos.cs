using YouTubeAnalytics.Actors.Channels;

namespace YouTubeAnalytics.Api.Channels;

/// <summary>
/// GET /channels/{id}/stats: the ChannelActor's state. subscriberCount is as YouTube publishes it (rounded down to
/// three significant figures), null while the channel hides it; highestSubscriberCount is the highest seen.
/// </summary>
public sealed record ChannelStatsDto(
    string ChannelId,
    string? Title,
    long? SubscriberCount,
    long? HighestSubscriberCount,
    long ViewCount,
    long VideoCount,
    DateTimeOffset ObservedAt,
    long SampleCount,
    long AlertCount,
    DateTimeOffset? LastAlertAt)
{
    public static ChannelStatsDto From(ChannelState s)
    {
        var latest = s.Latest!;
        return new ChannelStatsDto(s.ChannelId, latest.Title, latest.SubscriberCount, s.HighestSubscribers, latest.ViewCount,
            latest.VideoCount, latest.ObservedAt, s.SampleCount, s.AlertCount, s.LastAlertAt);
    }
}

/// <summary>One watched channel in GET /channels: its target as watched, its id once known, its stats once sampled.</summary>
public sealed record ChannelItemDto(string Target, string? ChannelId, ChannelStatsDto? Stats);

public sealed record ChannelListDto(IReadOnlyList<ChannelItemDto> Items);

public sealed record ChannelHistoryPoint(DateTimeOffset ObservedAt, long? SubscriberCount, long ViewCount, long VideoCount);

public sealed record ChannelHistoryDto(string ChannelId, DateTimeOffset From, DateTimeOffset To, bool Truncated, IReadOnlyList<ChannelHistoryPoint> Points);
