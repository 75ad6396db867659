using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Serialization;

namespace YouTubeAnalytics.Actors.Videos;

/// <summary>A message routed to one video's entity by its id.</summary>
public interface IWithVideoId
{
    string VideoId { get; }
}

public interface IVideoCommand : IWithVideoId, IProtocolMessage;

public static class VideoCommands
{
    /// <summary>Offer a sample; answered with <see cref="SampleAccepted"/> after it is persisted, or <see cref="SampleIgnored"/>.</summary>
    public sealed record RecordSample(VideoStatsObserved Sample) : IVideoCommand
    {
        public string VideoId => Sample.VideoId;
    }

    /// <summary>The ack: the sample is durable in the journal (and its alert, if any, with it).</summary>
    public sealed record SampleAccepted(string VideoId, DateTimeOffset ObservedAt, string? AlertId) : IProtocolMessage;

    /// <summary>
    /// The retention sweep's wake-up for a video no longer sampled: make its journal obey History:Retention now (see
    /// <see cref="VideoState.ExpiryAt"/>). Answered with <see cref="HistoryExpiryAnswered"/> once decided.
    /// </summary>
    public sealed record ExpireHistory(string VideoId) : IVideoCommand;

    /// <summary>What the video does about its expired history (the deletes run after the answer).</summary>
    public sealed record HistoryExpiryAnswered(string VideoId, HistoryExpiry Expiry) : IProtocolMessage;

    /// <summary>The sample changed nothing (stale, duplicate or invalid); safe to commit past it.</summary>
    public sealed record SampleIgnored(string VideoId, DateTimeOffset ObservedAt, string Reason) : IProtocolMessage;
}
