using YouTubeAnalytics.Actors.Serialization;

namespace YouTubeAnalytics.Actors.Videos;

public interface IVideoQuery : IWithVideoId, IProtocolMessage;

public static class VideoQueries
{
    public sealed record GetVideoStats(string VideoId) : IVideoQuery;

    /// <summary>The video's current state; <c>State.HasSamples</c> is false for a video never observed.</summary>
    public sealed record VideoStatsReply(VideoState State) : IProtocolMessage;
}
