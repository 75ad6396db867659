using Akka;
using Akka.Streams.Dsl;
using YouTubeAnalytics.Actors.Contracts;

namespace YouTubeAnalytics.Streams.Ingest;

/// <summary>Where channel samples come from (the YouTube channel sampler). Each call opens a fresh source.</summary>
public interface IChannelStatsSource
{
    /// <summary>A fresh source; <paramref name="draining"/> cancelled: it emits what it fetched, then completes.</summary>
    Source<ChannelStatsObserved, NotUsed> Open(CancellationToken draining);
}

/// <summary>A node whose source has no channels (the demo): an empty channel stream.</summary>
public sealed class NoChannelStats : IChannelStatsSource
{
    public static readonly NoChannelStats Instance = new();

    private NoChannelStats()
    {
    }

    public Source<ChannelStatsObserved, NotUsed> Open(CancellationToken draining) => Source.Empty<ChannelStatsObserved>();
}
