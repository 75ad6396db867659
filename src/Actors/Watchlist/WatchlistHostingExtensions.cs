using Akka.Cluster.Hosting;
using Akka.Hosting;
using YouTubeAnalytics.Actors.Persistence;

namespace YouTubeAnalytics.Actors.Watchlist;

public static class WatchlistHostingExtensions
{
    /// <summary>
    /// Runs the <see cref="WatchlistActor"/> as a cluster singleton, seeded with <paramref name="seeds"/>, under the
    /// persistent actors' backoff supervisor: a failed write stops it, the supervisor starts it again.
    /// </summary>
    public static AkkaConfigurationBuilder WithWatchlist(
        this AkkaConfigurationBuilder builder, IReadOnlyList<WatchTarget> seeds, TimeProvider clock, string? role = null) =>
        builder.WithSingleton<WatchlistActor>(
            WatchlistActor.Name,
            (_, _, _) => PersistenceSupervision.Supervised(WatchlistActor.PropsFor(seeds, clock), "watchlist"),
            new ClusterSingletonOptions { Role = role },
            createProxyToo: true);
}
