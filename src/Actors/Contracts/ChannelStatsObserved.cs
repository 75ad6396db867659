namespace YouTubeAnalytics.Actors.Contracts;

/// <summary>
/// One observation of a channel's public statistics (DESIGN.md contract, schema 1; raw-topic records carry
/// <c>"kind": "channel"</c>). YouTube rounds <see cref="SubscriberCount"/> down to three significant figures and a
/// channel may hide it: null means hidden, never zero.
/// </summary>
public sealed record ChannelStatsObserved(
    string ChannelId,
    string? Title,
    long? SubscriberCount,
    long ViewCount,
    long VideoCount,
    DateTimeOffset ObservedAt,
    string Source)
{
    public const int CurrentSchema = 1;

    public int Schema { get; init; } = CurrentSchema;
}
