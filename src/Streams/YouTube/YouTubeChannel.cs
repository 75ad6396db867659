namespace YouTubeAnalytics.Streams.YouTube;

/// <summary>One channel as channels.list part=statistics reports it; a hidden subscriber count is null, never zero.</summary>
public sealed record YouTubeChannel(string Id, string? Title, long? SubscriberCount, long? ViewCount, long? VideoCount);
