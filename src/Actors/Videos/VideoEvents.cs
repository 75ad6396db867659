using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Serialization;

namespace YouTubeAnalytics.Actors.Videos;

/// <summary>An event in a video's journal (persistence id "video-{videoId}").</summary>
public interface IVideoEvent : IProtocolMessage;

public static class VideoEvents
{
    /// <summary>A sample accepted into the video's history; the journal of these is the time series.</summary>
    public sealed record SampleRecorded(VideoStatsObserved Sample) : IVideoEvent;

    /// <summary>One alert for one sample; tagged "alert" in the journal so the notifier's projection finds it.</summary>
    public sealed record AlertRaised(Alert Alert) : IVideoEvent, IAlertEvent;

    /// <summary>
    /// Every sample of the video is older than History:Retention (<paramref name="Cutoff"/>, on the reference clock at
    /// <paramref name="At"/>): the state starts again empty and every event through this one is deleted. It holds no
    /// YouTube data, so it is the row the journal keeps (flagged deleted) for the highest sequence number (manifest
    /// video.history-forgotten.v1).
    /// </summary>
    public sealed record HistoryForgotten(DateTimeOffset At, DateTimeOffset Cutoff) : IVideoEvent;
}
