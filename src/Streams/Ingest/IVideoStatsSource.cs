using Akka;
using Akka.Streams.Dsl;
using YouTubeAnalytics.Actors.Contracts;

namespace YouTubeAnalytics.Streams.Ingest;

/// <summary>Where samples come from (the demo simulator, the YouTube poller). Each call opens a fresh source.</summary>
public interface IVideoStatsSource
{
    string Name { get; }

    Source<VideoStatsObserved, NotUsed> Open();
}
