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

    /// <summary>snippet.liveBroadcastContent ("none", "upcoming", "live"); null when absent or not one of those.</summary>
    public string? LiveBroadcastContent { get; init; }

    /// <summary>liveStreamingDetails: viewers now (only while live), when the broadcast started and ended.</summary>
    public long? ConcurrentViewers { get; init; }

    public DateTimeOffset? ActualStartTime { get; init; }

    public DateTimeOffset? ActualEndTime { get; init; }

    /// <summary>A broadcast that is upcoming or on air: refreshed every YouTube:LiveInterval.</summary>
    public bool IsLiveOrUpcoming => ActualEndTime is null && LiveBroadcastContent is Actors.Contracts.LiveBroadcastContents.Live or Actors.Contracts.LiveBroadcastContents.Upcoming;
}

/// <summary>One page of playlistItems.list: the video ids on it and the token of the next page (null on the last).</summary>
public sealed record PlaylistPage(IReadOnlyList<string> VideoIds, string? NextPageToken);

/// <summary>One videos.list answer: the videos read, and the items skipped with their reason.</summary>
public sealed record VideoListAnswer(IReadOnlyList<YouTubeVideo> Videos, IReadOnlyList<SkippedItem> Skipped);

/// <summary>An item of an answer that did not become a video. <c>VideoId</c> is set only when it is a valid id.</summary>
public sealed record SkippedItem(string? VideoId, string Reason, string Detail)
{
    public const string Unreadable = "unreadable";
    public const string InvalidId = "invalid_id";
    public const string NotRequested = "not_requested";
}
