using Akka.Cluster.Hosting;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Actors.Channels;

/// <summary>Marker for the "channel" shard region in the ActorRegistry.</summary>
public sealed class ChannelRegion;

public static class ChannelHostingExtensions
{
    public const string RegionName = "channel";

    /// <summary>Starts the "channel" shard region beside the "video" one (same role, same passivation).</summary>
    public static AkkaConfigurationBuilder WithChannelActors(
        this AkkaConfigurationBuilder builder, ChannelActorSettings settings, TimeSpan passivateAfter, string? role = null) =>
        builder.WithShardRegion<ChannelRegion>(
            RegionName,
            (_, _, resolver) => channelId => ChannelActor.PropsFor(channelId, settings, resolver.GetService<TimeProvider>()),
            new ChannelMessageExtractor(),
            VideoHostingExtensions.EntityShardOptions(passivateAfter, role));

    /// <summary>On a node that hosts no entities (no <paramref name="role"/>): a proxy that routes to the nodes that do.</summary>
    public static AkkaConfigurationBuilder WithChannelActorsProxy(this AkkaConfigurationBuilder builder, string role) =>
        builder.WithShardRegionProxy<ChannelRegion>(RegionName, role, new ChannelMessageExtractor());
}
