namespace YouTubeAnalytics.Actors.Contracts;

/// <summary>
/// One observation of a video's public statistics (DESIGN.md contract, schema 1). The wire form is camelCase JSON
/// (see <see cref="VideoStatsObservedCodec"/>). A null like or comment count means hidden or disabled, never zero.
/// </summary>
public sealed record VideoStatsObserved(
    string VideoId,
    string? ChannelId,
    string? Title,
    string? ChannelTitle,
    DateTimeOffset? PublishedAt,
    long ViewCount,
    long? LikeCount,
    long? CommentCount,
    DateTimeOffset ObservedAt,
    string Source)
{
    public const int CurrentSchema = 1;

    public int Schema { get; init; } = CurrentSchema;

    /// <summary>
    /// The video's thumbnail (https, from YouTube's snippet.thumbnails; the demo's is derived from the id). Optional:
    /// samples, events and snapshots written before it existed read as null.
    /// </summary>
    public string? ThumbnailUrl { get; init; }

    // The live fields (issue 21) are optional like the thumbnail: samples written before them read as null (not a broadcast).

    /// <summary>snippet.liveBroadcastContent: "none", "upcoming" or "live" (<see cref="LiveBroadcastContents"/>); null when not reported.</summary>
    public string? LiveBroadcastContent { get; init; }

    /// <summary>liveStreamingDetails.concurrentViewers: viewers now, reported only while a broadcast is live.</summary>
    public long? ConcurrentViewers { get; init; }

    /// <summary>liveStreamingDetails.actualStartTime: when the broadcast went live; also names the broadcast.</summary>
    public DateTimeOffset? ActualStartTime { get; init; }

    /// <summary>liveStreamingDetails.actualEndTime: when the broadcast ended.</summary>
    public DateTimeOffset? ActualEndTime { get; init; }

    /// <summary>
    /// The watchlist found this video as a new upload in a watched playlist or channel and has not seen it announced:
    /// the video raises the "new:video" alert at the sample that announces it (<see cref="Videos.VideoState.AnnouncesNewUpload"/>).
    /// Optional (issue 15): records, events and snapshots written before it read as false.
    /// </summary>
    public bool NewUpload { get; init; }
}

/// <summary>The values of snippet.liveBroadcastContent.</summary>
public static class LiveBroadcastContents
{
    public const string None = "none";
    public const string Upcoming = "upcoming";
    public const string Live = "live";

    public static bool IsKnown(string? value) => value is None or Upcoming or Live;
}

/// <summary>Where a sample came from; the values of the contract's <c>source</c> field.</summary>
public static class SampleSources
{
    public const string YouTube = "youtube";
    public const string Demo = "demo";
    public const string Replay = "replay";

    public static bool IsKnown([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? source) => source is YouTube or Demo or Replay;
}
