using Akka.Cluster.Hosting;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using YouTubeAnalytics.Actors.ReadSide;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Actors.Watchlist;

namespace YouTubeAnalytics.Actors.Retention;

public static class RetentionSweepHostingExtensions
{
    /// <summary>
    /// Runs the <see cref="RetentionSweepActor"/> as a cluster singleton: it reaches the watchlist's proxy and the "video"
    /// region (or its proxy) of its node, and the registered <see cref="IReadSideRetention"/> (Redis is shared; the
    /// in-memory read side exists only on a single node).
    /// </summary>
    public static AkkaConfigurationBuilder WithRetentionSweep(this AkkaConfigurationBuilder builder, RetentionSweepSettings settings, string? role = null) =>
        builder.WithSingleton<RetentionSweepActor>(
            RetentionSweepActor.Name,
            (_, registry, resolver) => RetentionSweepActor.PropsFor(
                settings, registry.Get<WatchlistActor>(), registry.Get<VideoRegion>(),
                resolver.GetService<IReadSideRetention>(), resolver.GetService<TimeProvider>()),
            new ClusterSingletonOptions { Role = role },
            createProxyToo: true);
}
