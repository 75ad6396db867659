using System.Collections.Concurrent;
using YouTubeAnalytics.Actors.ReadSide;

namespace YouTubeAnalytics.Api.ReadSide;

/// <summary>The embedded read side: latest figures per video in process memory (Redis takes its place in a cluster).</summary>
public sealed class InMemoryLatestStatsCache : ILatestStatsWriter, ILatestStatsReader
{
    private readonly ConcurrentDictionary<string, VideoSummary> _videos = new(StringComparer.Ordinal);

    public void Publish(VideoSummary summary) =>
        _videos.AddOrUpdate(summary.VideoId, summary, (_, old) => summary.ObservedAt >= old.ObservedAt ? summary : old);

    public VideoSummary? Find(string videoId) => _videos.GetValueOrDefault(videoId);

    public VideoPage List(int page, int pageSize, VideoSort sort)
    {
        var all = _videos.Values;
        IOrderedEnumerable<VideoSummary> ordered = sort switch
        {
            VideoSort.Recent => all.OrderByDescending(v => v.ObservedAt),
            VideoSort.Alerts => all.OrderByDescending(v => v.AlertCount).ThenByDescending(v => v.ViewCount),
            _ => all.OrderByDescending(v => v.ViewCount),
        };
        var items = ordered.ThenBy(v => v.VideoId, StringComparer.Ordinal)
            .Skip((page - 1) * pageSize).Take(pageSize).ToList();
        return new VideoPage(items, page, pageSize, all.Count);
    }
}
