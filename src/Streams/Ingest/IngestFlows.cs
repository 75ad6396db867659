using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using YouTubeAnalytics.Actors.Channels;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Persistence;
using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Streams.Ingest;

public static class IngestFlows
{
    /// <summary>
    /// Offers each sample to its VideoActor and emits the outcome (Accepted once persisted, or Ignored). At most
    /// <see cref="IngestSettings.Parallelism"/> samples are in flight: the journal's pace is the pace. An unanswered
    /// offer is retried (see <see cref="OfferAsync"/>), so a journal outage pauses intake instead of dropping samples.
    /// With <paramref name="journal"/>, the end of an outage cuts every wait short. The waits run on <paramref name="time"/>.
    /// </summary>
    public static Flow<VideoStatsObserved, IngestOutcome, NotUsed> ToVideoShards(
        IActorRef videoRegion, IngestSettings settings, TimeProvider time, CancellationToken cancellationToken, JournalWriteSignal? journal = null) =>
        Flow.Create<VideoStatsObserved>()
            .SelectAsync(settings.Parallelism, sample => OfferAsync(videoRegion, sample, settings, time, cancellationToken, journal));

    /// <summary>
    /// Offers one sample to its VideoActor and returns the outcome, retrying an unanswered offer up to
    /// <see cref="IngestSettings.MaxAttempts"/> times, waiting <see cref="IngestSettings.OfferRetry"/> between tries
    /// (safe: the actor ignores a sample it already has). A cancelled token ends the waiting at once. An actor whose
    /// write failed stops without answering, so during a journal outage each attempt waits out its timeout and then a
    /// backoff; when <paramref name="journal"/> reports that the journal accepts writes again, the attempt in flight
    /// and the backoff are both cut short and the sample is offered at once.
    /// </summary>
    public static Task<IngestOutcome> OfferAsync(
        IActorRef region, VideoStatsObserved sample, IngestSettings settings, TimeProvider time, CancellationToken cancellationToken,
        JournalWriteSignal? journal = null) =>
        OfferCommandAsync(region, new VideoCommands.RecordSample(sample), settings, time, cancellationToken, journal);

    /// <summary>Offers one channel sample to its ChannelActor, with the same retries as a video sample.</summary>
    public static Task<IngestOutcome> OfferAsync(
        IActorRef channelRegion, ChannelStatsObserved sample, IngestSettings settings, TimeProvider time, CancellationToken cancellationToken,
        JournalWriteSignal? journal = null) =>
        OfferCommandAsync(channelRegion, new ChannelCommands.RecordStats(sample), settings, time, cancellationToken, journal);

    /// <summary>Each channel sample offered to its ChannelActor (the channel side of <see cref="ToVideoShards"/>).</summary>
    public static Flow<ChannelStatsObserved, IngestOutcome, NotUsed> ToChannelShards(
        IActorRef channelRegion, IngestSettings settings, CancellationToken cancellationToken, JournalWriteSignal? journal = null) =>
        Flow.Create<ChannelStatsObserved>()
            .SelectAsync(settings.Parallelism, sample => OfferAsync(channelRegion, sample, settings, TimeProvider.System, cancellationToken, journal));

    private static async Task<IngestOutcome> OfferCommandAsync(
        IActorRef region, object command, IngestSettings settings, TimeProvider time, CancellationToken cancellationToken,
        JournalWriteSignal? journal)
    {
        for (var attempt = 1; ; attempt++)
        {
            var resumed = journal?.NextResume;
            try
            {
                var ask = region.Ask<object>(command, settings.AskTimeout, cancellationToken);
                if (resumed is null || await Task.WhenAny(ask, resumed).ConfigureAwait(false) == ask)
                    return IngestOutcome.From(await ask.ConfigureAwait(false));
                _ = ask.ContinueWith(static t => t.Exception, TaskContinuationOptions.OnlyOnFaulted); // abandoned: its answer no longer matters
                continue; // asked while writes failed: ask again now that they work
            }
            catch (AskTimeoutException) when (attempt < settings.MaxAttempts)
            {
                var backoff = settings.OfferRetry.WaitAsync(attempt, time, cancellationToken);
                if (resumed is null)
                    await backoff.ConfigureAwait(false);
                else if (await Task.WhenAny(backoff, resumed).ConfigureAwait(false) == backoff)
                    await backoff.ConfigureAwait(false); // a cancelled wait ends the offer
            }
        }
    }
}
