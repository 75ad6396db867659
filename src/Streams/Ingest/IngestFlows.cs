using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Streams.Ingest;

public static class IngestFlows
{
    /// <summary>
    /// Offers each sample to its VideoActor and emits the actor's answer (SampleAccepted once persisted, or
    /// SampleIgnored). At most <paramref name="parallelism"/> samples are in flight: the journal's pace is the pace.
    /// </summary>
    public static Flow<VideoStatsObserved, object, NotUsed> ToVideoShards(IActorRef videoRegion, int parallelism, TimeSpan askTimeout) =>
        Flow.Create<VideoStatsObserved>()
            .SelectAsync(parallelism, sample => videoRegion.Ask<object>(new VideoCommands.RecordSample(sample), askTimeout));
}
