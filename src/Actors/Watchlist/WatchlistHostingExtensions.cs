using Akka.Cluster.Hosting;
using Akka.Hosting;

namespace YouTubeAnalytics.Actors.Watchlist;

public static class WatchlistHostingExtensions
{
    /// <summary>Runs the <see cref="WatchlistActor"/> as a cluster singleton, seeded with <paramref name="seeds"/>.</summary>
    public static AkkaConfigurationBuilder WithWatchlist(
        this AkkaConfigurationBuilder builder, IReadOnlyList<WatchTarget> seeds, TimeProvider clock, string? role = null) =>
        builder.WithSingleton<WatchlistActor>(
            WatchlistActor.Name,
            WatchlistActor.PropsFor(seeds, clock),
            new ClusterSingletonOptions { Role = role },
            createProxyToo: true);
}
