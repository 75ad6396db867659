using YouTubeAnalytics.Actors.Contracts;

namespace YouTubeAnalytics.Actors.Tests.Support;

/// <summary>Builds channel samples for specs: one channel, minutes apart from <see cref="Samples.T0"/>.</summary>
public static class ChannelSamples
{
    public const string Id = "UCuAXFkgsw1L7xaCfnd5JJOw";

    public static ChannelStatsObserved At(int minute, long? subscribers, long views = 2_412_345_678, long videos = 237, string channelId = Id) =>
        new(channelId, "Rick Astley", subscribers, views, videos, Samples.T0.AddMinutes(minute), SampleSources.YouTube);
}
