using Akka.Cluster.Sharding;
using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Actors.Channels;

/// <summary>Routes every <see cref="IWithChannelId"/> message to the entity named by its channel id.</summary>
public sealed class ChannelMessageExtractor() : HashCodeMessageExtractor(VideoMessageExtractor.DefaultShardCount)
{
    public override string? EntityId(object message) => (message as IWithChannelId)?.ChannelId;
}
