using System.Collections.Concurrent;
using YouTubeAnalytics.Actors.ReadSide;

namespace YouTubeAnalytics.Actors.Tests.Support;

public sealed class RecordingReadSide : ILatestStatsWriter
{
    public ConcurrentQueue<VideoSummary> Published { get; } = new();

    public void Publish(VideoSummary summary) => Published.Enqueue(summary);
}
