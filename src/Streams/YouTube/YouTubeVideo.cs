namespace YouTubeAnalytics.Streams.YouTube;

/// <summary>One video as videos.list reports it: counts parsed strictly; a count not reported (likes hidden, comments off) is null.</summary>
public sealed record YouTubeVideo(
    string Id,
    string? ChannelId,
    string? Title,
    string? ChannelTitle,
    DateTimeOffset? PublishedAt,
    long? ViewCount,
    long? LikeCount,
    long? CommentCount)
{
    /// <summary>snippet.thumbnails: the medium one (320×180), else default or high; null when none is an https URL.</summary>
    public string? ThumbnailUrl { get; init; }
}

/// <summary>One page of playlistItems.list: the video ids on it and the token of the next page (null on the last).</summary>
public sealed record PlaylistPage(IReadOnlyList<string> VideoIds, string? NextPageToken);
