using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace YouTubeAnalytics.Actors.Metrics;

/// <summary>
/// The node's one meter ("YouTubeAnalytics", exported at /metrics by the host) and the few instruments that count
/// where a thing happens (one-line hooks: a dead letter written, a Telegram send or 429, a YouTube call and its
/// quota units, a journal write, a VideoActor started or stopped). Everything the node already counts elsewhere
/// (samples, alerts, lag, quota, parked chats) is read by observable instruments in the host's Metrics folder.
/// </summary>
public static class PipelineMeter
{
    public const string Name = "YouTubeAnalytics";

    public static readonly Meter Meter = new(Name, typeof(PipelineMeter).Assembly.GetName().Version?.ToString(3));

    private static readonly Counter<long> DeadLetterCounter =
        Meter.CreateCounter<long>("yta.dead_letters", "{record}", "Raw records written to the dead-letter topic (undecodable or invalid)");

    private static readonly Counter<long> TelegramSentCounter =
        Meter.CreateCounter<long>("yta.telegram.sent", "{message}", "Messages Telegram accepted");

    private static readonly Counter<long> TelegramRateLimitedCounter =
        Meter.CreateCounter<long>("yta.telegram.rate_limited", "{response}", "429 answers from Telegram (the chat pauses for retry_after)");

    private static readonly Counter<long> YouTubeCallCounter =
        Meter.CreateCounter<long>("yta.youtube.calls", "{call}", "YouTube Data API calls sent from this node, by method (the API's name)");

    private static readonly Counter<long> YouTubeQuotaCounter =
        Meter.CreateCounter<long>("yta.youtube.quota_units", "{unit}",
            "YouTube quota units spent from this node, by method, purpose and bucket (the project's day: yta_quota_units)");

    private static readonly Histogram<double> JournalWriteHistogram =
        Meter.CreateHistogram<double>("yta.journal.write.duration", "s", "From a VideoActor's persist to the journal's acknowledgement",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    private static readonly UpDownCounter<long> VideoActorCounter =
        Meter.CreateUpDownCounter<long>("yta.video_actors.active", "{actor}", "VideoActors running on this node");

    private static readonly Counter<long> EventClientDroppedCounter =
        Meter.CreateCounter<long>("yta.events.clients_dropped", "{client}", "/events clients dropped for not reading (Api:EventBuffer full)");

    private static readonly Counter<long> YouTubeItemSkippedCounter =
        Meter.CreateCounter<long>("yta.youtube.items_skipped", "{item}", "Items of a YouTube answer skipped, by reason (unreadable, not requested, invalid id)");

    private static readonly Counter<long> SampleRefusedCounter =
        Meter.CreateCounter<long>("yta.samples.refused_clock", "{sample}",
            "Samples refused because their observedAt is far ahead of the node's reference clock (a clock jump)");

    public static void SampleRefusedForClock() => SampleRefusedCounter.Add(1);

    public static void YouTubeItemSkipped(string reason) =>
        YouTubeItemSkippedCounter.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public static void EventClientDropped() => EventClientDroppedCounter.Add(1);

    public static void DeadLetterWritten() => DeadLetterCounter.Add(1);

    public static void TelegramSent() => TelegramSentCounter.Add(1);

    public static void TelegramRateLimited() => TelegramRateLimitedCounter.Add(1);

    public static void YouTubeCalled(string method, int units, string purpose, string bucket)
    {
        var tag = new KeyValuePair<string, object?>("method", method);
        YouTubeCallCounter.Add(1, tag);
        YouTubeQuotaCounter.Add(units, tag, new KeyValuePair<string, object?>("purpose", purpose), new KeyValuePair<string, object?>("bucket", bucket));
    }

    /// <param name="startedTimestamp">Stopwatch.GetTimestamp() taken when the write was handed to the journal.</param>
    public static void JournalWritten(long startedTimestamp) =>
        JournalWriteHistogram.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds);

    public static void VideoActorStarted() => VideoActorCounter.Add(1);

    public static void VideoActorStopped() => VideoActorCounter.Add(-1);
}
