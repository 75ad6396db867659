using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Persistence;
using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Streams.Ingest;

public static class IngestFlows
{
    /// <summary>
    /// Offers each sample to its VideoActor and emits the actor's answer (SampleAccepted once persisted, or
    /// SampleIgnored). At most <paramref name="parallelism"/> samples are in flight: the journal's pace is the pace.
    /// An unanswered offer is retried (up to <paramref name="maxAttempts"/>, backing off to 30 s): the actor ignores a
    /// sample it already has, so a retry is safe, and a journal outage pauses intake instead of dropping samples.
    /// With <paramref name="journal"/>, the end of an outage cuts every wait short (see <see cref="OfferAsync"/>).
    /// </summary>
    public static Flow<VideoStatsObserved, object, NotUsed> ToVideoShards(
        IActorRef videoRegion, int parallelism, TimeSpan askTimeout, int maxAttempts = 1, JournalWriteSignal? journal = null) =>
        Flow.Create<VideoStatsObserved>()
            .SelectAsync(parallelism, sample => OfferAsync(videoRegion, sample, askTimeout, maxAttempts, journal));

    /// <summary>
    /// Offers one sample to its VideoActor and returns the answer, retrying an unanswered offer up to
    /// <paramref name="maxAttempts"/> times with backoff (safe: the actor ignores a sample it already has).
    /// An actor whose write failed stops without answering, so during a journal outage each attempt waits out its
    /// timeout and then a backoff of up to 30 s. When <paramref name="journal"/> reports that the journal accepts
    /// writes again, the attempt in flight and the backoff are both cut short and the sample is offered at once.
    /// </summary>
    public static async Task<object> OfferAsync(
        IActorRef region, VideoStatsObserved sample, TimeSpan timeout, int maxAttempts, JournalWriteSignal? journal = null)
    {
        var command = new VideoCommands.RecordSample(sample);
        for (var attempt = 1; ; attempt++)
        {
            var resumed = journal?.NextResume;
            try
            {
                var ask = region.Ask<object>(command, timeout);
                if (resumed is null || await Task.WhenAny(ask, resumed) == ask)
                    return await ask;
                _ = ask.ContinueWith(static t => t.Exception, TaskContinuationOptions.OnlyOnFaulted); // abandoned: its answer no longer matters
                continue; // asked while writes failed: ask again now that they work
            }
            catch (AskTimeoutException) when (attempt < maxAttempts)
            {
                var backoff = Task.Delay(TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(attempt - 1, 10)))));
                await (resumed is null ? backoff : Task.WhenAny(backoff, resumed));
            }
        }
    }
}
