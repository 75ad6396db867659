using YouTubeAnalytics.Actors.Serialization;
using YouTubeAnalytics.Actors.Watchlist;
using YouTubeAnalytics.Streams.YouTube;

namespace YouTubeAnalytics.Streams.Tests.YouTube;

/// <summary>The watchlist's own pure rules (WatchlistState) without the actor, recording the alerts it would persist.</summary>
public sealed class InMemoryWatchlist : IWatchlist
{
    private readonly Lock _gate = new();
    private WatchlistState _state = WatchlistState.Empty;

    private readonly TimeProvider _clock;

    public InMemoryWatchlist(IEnumerable<WatchTarget> seeds, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        foreach (var seed in seeds)
            Apply(_state.Add(seed, DateTimeOffset.UnixEpoch));
    }

    /// <summary>What the watchlist found as new uploads, in order (announced by their video at its first sample).</summary>
    public List<string> NewUploads { get; } = [];

    public void Add(WatchTarget target) => Apply(_state.Add(target, DateTimeOffset.UnixEpoch));

    public void Remove(string id) => Apply(_state.Remove(id, DateTimeOffset.UnixEpoch));

    public Task<WatchlistQueries.WatchlistReply> CurrentAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(new WatchlistQueries.WatchlistReply([.. _state.Targets], _state.VideoIds())
            {
                Health = [.. _state.Health.Values],
                NewUploads = _state.NewUploadsAt(_clock.GetUtcNow()),
            });
    }

    public Task<IReadOnlyList<string>> RecordDiscoveredAsync(WatchTarget collection, IReadOnlyList<string> videoIds, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var events = _state.Discover(collection, videoIds, at);
            Apply(events);
            return Task.FromResult<IReadOnlyList<string>>([.. events.OfType<WatchlistEvents.VideosDiscovered>().SelectMany(d => d.NewUploads)]);
        }
    }

    public Task<TargetHealth> RecordTargetHealthAsync(WatchTarget collection, string? failureReason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Apply(_state.Check(collection, failureReason, at));
            return Task.FromResult(_state.HealthOf(collection));
        }
    }

    private void Apply(IReadOnlyList<IProtocolMessage> events)
    {
        lock (_gate)
        {
            foreach (var e in events)
            {
                _state = _state.Apply(e);
                if (e is WatchlistEvents.VideosDiscovered found)
                    NewUploads.AddRange(found.NewUploads);
            }
        }
    }
}
