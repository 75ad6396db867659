using Akka.Actor;
using Akka.Hosting;
using YouTubeAnalytics.Actors.Watchlist;

namespace YouTubeAnalytics.Streams.YouTube;

/// <summary>What the poller reads each round (targets, video ids to poll) and tells after expanding a collection.</summary>
public interface IWatchlist
{
    Task<WatchlistQueries.WatchlistReply> CurrentAsync(CancellationToken cancellationToken);

    /// <summary>Reports what one expansion listed; answers which of the ids are new uploads (their samples are flagged).</summary>
    Task<IReadOnlyList<string>> RecordDiscoveredAsync(WatchTarget collection, IReadOnlyList<string> videoIds, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Reports one read of a collection (<paramref name="failureReason"/> null: it worked); answers its health after it.</summary>
    Task<TargetHealth> RecordTargetHealthAsync(WatchTarget collection, string? failureReason, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>The <see cref="WatchlistActor"/> singleton, asked at the stream's edge with a timeout.</summary>
public sealed class ActorWatchlist(IRequiredActor<WatchlistActor> watchlist, TimeSpan askTimeout) : IWatchlist
{
    public async Task<WatchlistQueries.WatchlistReply> CurrentAsync(CancellationToken cancellationToken)
    {
        var actor = await watchlist.GetAsync(cancellationToken);
        return await actor.Ask<WatchlistQueries.WatchlistReply>(WatchlistQueries.GetWatchlist.Instance, askTimeout, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> RecordDiscoveredAsync(WatchTarget collection, IReadOnlyList<string> videoIds, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var actor = await watchlist.GetAsync(cancellationToken);
        var recorded = await actor.Ask<WatchlistCommands.DiscoveredRecorded>(
            new WatchlistCommands.RecordDiscovered(collection, videoIds, at), askTimeout, cancellationToken);
        return recorded.NewUploads;
    }

    public async Task<TargetHealth> RecordTargetHealthAsync(WatchTarget collection, string? failureReason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var actor = await watchlist.GetAsync(cancellationToken);
        var recorded = await actor.Ask<WatchlistCommands.TargetHealthRecorded>(
            new WatchlistCommands.RecordTargetHealth(collection, failureReason, at), askTimeout, cancellationToken);
        return recorded.Health;
    }
}
