using YouTubeAnalytics.Actors.Serialization;
using YouTubeAnalytics.Actors.Watchlist;
using YouTubeAnalytics.Streams.YouTube;

namespace YouTubeAnalytics.Streams.Tests.YouTube;

/// <summary>The watchlist's own pure rules (WatchlistState) without the actor, recording the alerts it would persist.</summary>
public sealed class InMemoryWatchlist : IWatchlist
{
    private readonly Lock _gate = new();
    private WatchlistState _state = WatchlistState.Empty;

    public InMemoryWatchlist(IEnumerable<WatchTarget> seeds)
    {
        foreach (var seed in seeds)
            Apply(_state.Add(seed, DateTimeOffset.UnixEpoch));
    }

    public List<WatchlistEvents.NewUploadFound> Alerts { get; } = [];

    public void Add(WatchTarget target) => Apply(_state.Add(target, DateTimeOffset.UnixEpoch));

    public void Remove(string id) => Apply(_state.Remove(id, DateTimeOffset.UnixEpoch));

    public Task<WatchlistQueries.WatchlistReply> CurrentAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(new WatchlistQueries.WatchlistReply([.. _state.Targets], _state.VideoIds()) { Health = [.. _state.Health.Values] });
    }

    public Task RecordDiscoveredAsync(WatchTarget collection, IReadOnlyList<string> videoIds, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Apply(_state.Discover(collection, videoIds, at));
        return Task.CompletedTask;
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
                if (e is WatchlistEvents.NewUploadFound alert)
                    Alerts.Add(alert);
            }
        }
    }
}
