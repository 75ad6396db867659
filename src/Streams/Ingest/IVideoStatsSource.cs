using Akka;
using Akka.Streams.Dsl;
using YouTubeAnalytics.Actors.Contracts;

namespace YouTubeAnalytics.Streams.Ingest;

/// <summary>Where samples come from (the demo simulator, the YouTube poller). Each call opens a fresh source.</summary>
public interface IVideoStatsSource
{
    string Name { get; }

    /// <summary>
    /// A fresh source. <paramref name="draining"/> is a graceful stop (SIGTERM): the source starts no new fetch, emits
    /// what it already fetched, then completes, so the pipeline persists it before the node goes.
    /// </summary>
    Source<VideoStatsObserved, NotUsed> Open(CancellationToken draining);
}
