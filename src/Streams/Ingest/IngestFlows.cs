using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Streams.Ingest;

public static class IngestFlows
{
    /// <summary>
    /// Offers each sample to its VideoActor and emits the outcome (Accepted once persisted, or Ignored). At most
    /// <see cref="IngestSettings.Parallelism"/> samples are in flight: the journal's pace is the pace. An unanswered
    /// offer is retried (see <see cref="OfferAsync"/>), so a journal outage pauses intake instead of dropping samples.
    /// </summary>
    public static Flow<VideoStatsObserved, IngestOutcome, NotUsed> ToVideoShards(
        IActorRef videoRegion, IngestSettings settings, CancellationToken cancellationToken) =>
        Flow.Create<VideoStatsObserved>()
            .SelectAsync(settings.Parallelism, sample => OfferAsync(videoRegion, sample, settings, TimeProvider.System, cancellationToken));

    /// <summary>
    /// Offers one sample to its VideoActor and returns the outcome, retrying an unanswered offer up to
    /// <see cref="IngestSettings.MaxAttempts"/> times, waiting <see cref="IngestSettings.OfferRetry"/> between tries
    /// (safe: the actor ignores a sample it already has). A cancelled token ends the waiting at once.
    /// </summary>
    public static async Task<IngestOutcome> OfferAsync(
        IActorRef region, VideoStatsObserved sample, IngestSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        var command = new VideoCommands.RecordSample(sample);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return IngestOutcome.From(await region.Ask<object>(command, settings.AskTimeout, cancellationToken).ConfigureAwait(false));
            }
            catch (AskTimeoutException) when (attempt < settings.MaxAttempts)
            {
                await settings.OfferRetry.WaitAsync(attempt, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
