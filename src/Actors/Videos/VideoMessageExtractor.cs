using Akka.Cluster.Sharding;

namespace YouTubeAnalytics.Actors.Videos;

/// <summary>Routes every <see cref="IWithVideoId"/> message to the entity named by its video id.</summary>
public sealed class VideoMessageExtractor(int maxNumberOfShards) : HashCodeMessageExtractor(maxNumberOfShards)
{
    public const int DefaultShardCount = 100;

    public VideoMessageExtractor() : this(DefaultShardCount)
    {
    }

    public override string? EntityId(object message) => (message as IWithVideoId)?.VideoId;
}
