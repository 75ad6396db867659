using System.Collections.Concurrent;
using YouTubeAnalytics.Actors.ReadSide;

namespace YouTubeAnalytics.Api.ReadSide;

/// <summary>The embedded read side: latest figures and a day of view points per video in process memory (Redis's twin).</summary>
public sealed class InMemoryLatestStatsCache : ILatestStatsWriter, ILatestStatsReader, IVideoUpdateFeed, IVideoLeaderboard, IReadSideRetention
{
    private sealed class Entry
    {
        public VideoListItem? Latest;
        public List<ViewPoint> Points = [];
    }

    private readonly ConcurrentDictionary<string, Entry> _videos = new(StringComparer.Ordinal);
    private readonly Subscribers<VideoListItem> _subscribers = new();

    public string Name => "in-memory";

    public void Publish(VideoSummary summary)
    {
        var entry = _videos.GetOrAdd(summary.VideoId, _ => new Entry());
        VideoListItem item;
        lock (entry)
        {
            if (entry.Latest is { } old && summary.ObservedAt <= old.ObservedAt)
                return;
            var point = new ViewPoint(summary.ObservedAt, summary.ViewCount);
            entry.Points = ViewChanges.Append(entry.Points, point);
            item = VideoListItem.From(summary, entry.Points, point);
            entry.Latest = item;
        }
        _subscribers.Notify(item);
    }

    public Task<VideoListItem?> FindAsync(string videoId, CancellationToken cancellationToken) =>
        Task.FromResult(_videos.TryGetValue(videoId, out var e) ? Volatile.Read(ref e.Latest) : null);

    public Task<VideoPage> ListAsync(VideoQuery query, CancellationToken cancellationToken)
    {
        var all = _videos.Values.Select(e => Volatile.Read(ref e.Latest)).OfType<VideoListItem>()
            .Where(v => query.ChannelId is null || v.ChannelId == query.ChannelId)
            .ToList();
        var items = all.OrderByDescending(v => v.Score(query.Sort)).ThenBy(v => v.VideoId, StringComparer.Ordinal)
            .Skip(QueryParameters.ItemsBefore(query.Page, query.PageSize)).Take(query.PageSize).ToList();
        return Task.FromResult(new VideoPage(items, query.Page, query.PageSize, all.Count));
    }

    public Task<ReadSideTotals> TotalsAsync(CancellationToken cancellationToken)
    {
        var all = _videos.Values.Select(e => Volatile.Read(ref e.Latest)).OfType<VideoListItem>().ToList();
        return Task.FromResult(new ReadSideTotals(all.Count, all.Sum(v => v.ViewsChange1h), all.Sum(v => v.ViewsChange24h)));
    }

    public IDisposable Subscribe(Action<VideoListItem> onUpdate) => _subscribers.Add(onUpdate);

    /// <summary>Drops the videos whose latest figures are older than <paramref name="cutoff"/> (History:Retention).</summary>
    public Task<int> RemoveExpiredAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var (id, entry) in _videos)
        {
            if (Volatile.Read(ref entry.Latest) is { } latest && latest.ObservedAt < cutoff
                && _videos.TryRemove(KeyValuePair.Create(id, entry)))
                removed++;
        }
        return Task.FromResult(removed);
    }

    /// <summary>Windows up to an hour rank by the hour's gain, longer ones by the day's.</summary>
    public Task<IReadOnlyList<VideoMover>> TopMoversAsync(TimeSpan window, int count, CancellationToken cancellationToken) =>
        Leaderboards.TopMoversAsync(this, window, count, cancellationToken);
}

