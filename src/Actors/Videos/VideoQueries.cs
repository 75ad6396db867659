using YouTubeAnalytics.Actors.Serialization;

namespace YouTubeAnalytics.Actors.Videos;

public interface IVideoQuery : IWithVideoId, IProtocolMessage;

public static class VideoQueries
{
    public sealed record GetVideoStats(string VideoId) : IVideoQuery;

    /// <summary>
    /// The video's current state; <c>State.HasSamples</c> is false for a video never observed. <c>Forecast</c>: when it
    /// passes its next milestone (optional in <c>video.stats-reply.v1</c>: null from a node without it).
    /// </summary>
    public sealed record VideoStatsReply(VideoState State, MilestoneForecast? Forecast = null) : IProtocolMessage;

    /// <summary>Which sequence numbers of the video's journal hold its samples observed in [From, To].</summary>
    public sealed record GetHistoryRange(string VideoId, DateTimeOffset From, DateTimeOffset To) : IVideoQuery;

    /// <summary>The journal range to read; <c>HasSamples</c> false for a video never observed (nothing to read).</summary>
    public sealed record HistoryRange(string VideoId, bool HasSamples, long FromSequenceNr, long ToSequenceNr) : IProtocolMessage;
}
