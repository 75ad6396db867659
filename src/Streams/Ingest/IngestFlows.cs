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
    /// An unanswered offer is retried (up to <paramref name="maxAttempts"/>, backing off to 30 s): the actor ignores a
    /// sample it already has, so a retry is safe, and a journal outage pauses intake instead of dropping samples.
    /// </summary>
    public static Flow<VideoStatsObserved, object, NotUsed> ToVideoShards(
        IActorRef videoRegion, int parallelism, TimeSpan askTimeout, int maxAttempts = 1) =>
        Flow.Create<VideoStatsObserved>()
            .SelectAsync(parallelism, sample => OfferAsync(videoRegion, sample, askTimeout, maxAttempts));

    /// <summary>
    /// Offers one sample to its VideoActor and returns the answer, retrying an unanswered offer up to
    /// <paramref name="maxAttempts"/> times with backoff (safe: the actor ignores a sample it already has).
    /// </summary>
    public static async Task<object> OfferAsync(IActorRef region, VideoStatsObserved sample, TimeSpan timeout, int maxAttempts)
    {
        var command = new VideoCommands.RecordSample(sample);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await region.Ask<object>(command, timeout);
            }
            catch (AskTimeoutException) when (attempt < maxAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(attempt - 1, 10)))));
            }
        }
    }
}
