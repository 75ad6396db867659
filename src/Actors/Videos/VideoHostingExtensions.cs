using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.ReadSide;

namespace YouTubeAnalytics.Actors.Videos;

/// <summary>Marker for the "video" shard region in the ActorRegistry.</summary>
public sealed class VideoRegion;

public static class VideoHostingExtensions
{
    public const string RegionName = "video";

    /// <summary>
    /// Starts the "video" shard region; entities passivate after <paramref name="passivateAfter"/> idle (see
    /// <see cref="VideoPassivation.IdleTimeout"/>), snapshotting on the way out. Each video pushes its persisted alerts to
    /// the notifier's proxy in the actor registry (none registered: the tag query alone delivers them).
    /// </summary>
    public static AkkaConfigurationBuilder WithVideoActors(
        this AkkaConfigurationBuilder builder, VideoActorSettings settings, TimeSpan passivateAfter, string? role = null)
    {
        return builder.WithShardRegion<VideoRegion>(
            RegionName,
            (_, registry, resolver) =>
            {
                var push = new NotifierAlertPush(registry); // the notifier's singleton proxy (WithAlertNotifier)
                return videoId => VideoActor.PropsFor(
                    videoId, settings, resolver.GetService<ILatestStatsWriter>(), resolver.GetService<TimeProvider>(), push);
            },
            new VideoMessageExtractor(),
            EntityShardOptions(passivateAfter, role));
    }

    /// <summary>The shard options of the project's persistent entities (videos, channels).</summary>
    public static ShardOptions EntityShardOptions(TimeSpan passivateAfter, string? role) => new()
    {
        Role = role,
        RememberEntities = false,
        // The coordinator's state lives in the journal (SQLite or PostgreSQL), like everything else durable.
        StateStoreMode = StateStoreMode.Persistence,
        PassivateIdleEntityAfter = passivateAfter,
        ShouldPassivateIdleEntities = true,
        // Passivation and hand-off stop an entity with this message: it snapshots first when it is due.
        HandOffStopMessage = VideoPassivation.Stop.Instance,
    };

    /// <summary>On a node that hosts no videos (no <paramref name="role"/>): a proxy that routes to the nodes that do.</summary>
    public static AkkaConfigurationBuilder WithVideoActorsProxy(this AkkaConfigurationBuilder builder, string role) =>
        builder.WithShardRegionProxy<VideoRegion>(RegionName, role, new VideoMessageExtractor());
}
