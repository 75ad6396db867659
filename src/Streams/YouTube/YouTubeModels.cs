using System.Text.Json.Serialization;

namespace YouTubeAnalytics.Streams.YouTube;

// Wire shapes of the few Data API v3 responses we read (see ../shared/fixtures/youtube). Counts arrive as JSON strings.

/// <summary>videos.list with its items left raw, so each is read on its own and one bad item spoils nothing else.</summary>
internal sealed record RawVideoListResponse(List<System.Text.Json.JsonElement>? Items);

internal sealed record VideoResource(string? Id, VideoSnippet? Snippet, VideoStatistics? Statistics, LiveStreamingDetails? LiveStreamingDetails = null);

internal sealed record VideoSnippet(
    DateTimeOffset? PublishedAt, string? ChannelId, string? Title, string? ChannelTitle, VideoThumbnails? Thumbnails, string? LiveBroadcastContent = null,
    DateTimeOffset? PublishTime = null); // videos:batchGetStats names it snippet.publishTime

/// <summary>Present only for a live broadcast (upcoming, live or past); concurrentViewers only while live, as a string.</summary>
internal sealed record LiveStreamingDetails(
    DateTimeOffset? ActualStartTime, DateTimeOffset? ActualEndTime, DateTimeOffset? ScheduledStartTime, string? ConcurrentViewers);

internal sealed record VideoThumbnails(Thumbnail? Default, Thumbnail? Medium, Thumbnail? High);

internal sealed record Thumbnail(string? Url);

internal sealed record VideoStatistics(string? ViewCount, string? LikeCount, string? CommentCount);

internal sealed record PlaylistItemListResponse(string? NextPageToken, List<PlaylistItemResource>? Items);

internal sealed record PlaylistItemResource(PlaylistItemContentDetails? ContentDetails);

internal sealed record PlaylistItemContentDetails(string? VideoId, DateTimeOffset? VideoPublishedAt);

internal sealed record ChannelListResponse(List<ChannelResource>? Items);

internal sealed record ChannelResource(
    string? Id, ChannelContentDetails? ContentDetails, ChannelSnippet? Snippet = null, ChannelStatistics? Statistics = null);

internal sealed record ChannelSnippet(string? Title, string? CustomUrl);

internal sealed record ChannelStatistics(string? ViewCount, string? SubscriberCount, bool? HiddenSubscriberCount, string? VideoCount);

internal sealed record ChannelContentDetails(RelatedPlaylists? RelatedPlaylists);

internal sealed record RelatedPlaylists(string? Uploads);

internal sealed record ErrorResponse(ErrorBody? Error);

internal sealed record ErrorBody(int Code, string? Message, List<ErrorItem>? Errors, List<ErrorDetail>? Details);

internal sealed record ErrorItem(string? Reason, string? Domain);

internal sealed record ErrorDetail(string? Reason);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RawVideoListResponse))]
[JsonSerializable(typeof(VideoResource))]
[JsonSerializable(typeof(PlaylistItemListResponse))]
[JsonSerializable(typeof(ChannelListResponse))]
[JsonSerializable(typeof(ErrorResponse))]
internal sealed partial class YouTubeJsonContext : JsonSerializerContext;
