using System.Collections.Immutable;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Contracts;

namespace YouTubeAnalytics.Actors.Live;

/// <summary>Where a broadcast is, as a sample shows it.</summary>
public enum LivePhase
{
    /// <summary>Not a broadcast (or not reported).</summary>
    None,

    /// <summary>Scheduled, not started.</summary>
    Upcoming,

    /// <summary>On air: concurrentViewers is reported.</summary>
    Live,

    /// <summary>actualEndTime is set.</summary>
    Ended,
}

/// <summary>
/// One broadcast of a video as its journal saw it: when it went live (actualStartTime, which names the broadcast), the
/// peak of concurrent viewers sampled while live, when it ended, and which of its two alerts were raised. Pure: the
/// video's state folds samples and alerts in (<see cref="Record"/>, <see cref="Raised"/>); <see cref="Breaches"/>
/// decides. Kept in the video's snapshot (optional field <c>live</c> of <c>video.state.v1</c>) and rebuilt by replay.
/// </summary>
public sealed record LiveBroadcast(
    DateTimeOffset? StartedAt,
    long? PeakViewers,
    DateTimeOffset? PeakAt,
    DateTimeOffset? EndedAt,
    bool StartAnnounced,
    bool EndAnnounced)
{
    public const string StartedRule = "live:started";
    public const string EndedRule = "live:ended";

    public static LivePhase PhaseOf(VideoStatsObserved sample) =>
        sample.ActualEndTime is not null ? LivePhase.Ended
        : sample.LiveBroadcastContent == LiveBroadcastContents.Live ? LivePhase.Live
        : sample.LiveBroadcastContent == LiveBroadcastContents.Upcoming ? LivePhase.Upcoming
        : LivePhase.None;

    /// <summary>
    /// An upcoming broadcast is not a new upload until it goes live: true for a sample that says upcoming, so the new-upload
    /// alert (rule new:video) waits for a later sample that is live, ended or an ordinary video.
    /// </summary>
    public static bool DefersNewUpload(VideoStatsObserved sample) => PhaseOf(sample) == LivePhase.Upcoming;

    /// <summary>
    /// The live rules for <paramref name="sample"/>, after <paramref name="previous"/> (the video's last sample, never null
    /// here: a first sample is a baseline and raises nothing). <c>live:started</c> once per broadcast, when a sample is
    /// live and the one before was not (so watching a stream already on air announces nothing); <c>live:ended</c> once,
    /// when a broadcast this track saw live has ended, carrying its peak.
    /// </summary>
    public static ImmutableArray<Breach> Breaches(LiveBroadcast? track, VideoStatsObserved previous, VideoStatsObserved sample)
    {
        var phase = PhaseOf(sample);
        if (phase == LivePhase.Live && PhaseOf(previous) != LivePhase.Live
            && !(track is { StartAnnounced: true } && track.StartedAt == sample.ActualStartTime))
        {
            var viewers = sample.ConcurrentViewers ?? 0;
            var onAir = sample.ActualStartTime is { } start && sample.ObservedAt > start ? sample.ObservedAt - start : TimeSpan.Zero;
            return [new Breach(StartedRule, Metric.Viewers, 0, viewers, viewers, null, onAir)];
        }
        var endedNow = phase == LivePhase.Ended || (phase == LivePhase.None && PhaseOf(previous) == LivePhase.Live);
        if (endedNow && track is { EndAnnounced: false, StartedAt: { } started } && IsSameBroadcast(track, sample))
        {
            var peak = track.PeakViewers ?? 0;
            var end = sample.ActualEndTime ?? sample.ObservedAt;
            return [new Breach(EndedRule, Metric.Viewers, peak, peak, 0, null, end > started ? end - started : TimeSpan.Zero)];
        }
        return [];
    }

    /// <summary>Folds a journalled sample in: a live one starts or continues the track and raises its peak; an ended one closes it.</summary>
    public static LiveBroadcast? Record(LiveBroadcast? track, VideoStatsObserved sample)
    {
        switch (PhaseOf(sample))
        {
            case LivePhase.Live:
                var current = track is not null && IsSameBroadcast(track, sample)
                    ? track
                    : new LiveBroadcast(sample.ActualStartTime ?? sample.ObservedAt, null, null, null, false, false);
                if (current.StartedAt is null)
                    current = current with { StartedAt = sample.ActualStartTime ?? sample.ObservedAt };
                return sample.ConcurrentViewers is { } viewers && viewers > (current.PeakViewers ?? -1)
                    ? current with { PeakViewers = viewers, PeakAt = sample.ObservedAt }
                    : current;
            case LivePhase.Ended when track is not null && IsSameBroadcast(track, sample):
                return track with { EndedAt = sample.ActualEndTime };
            default:
                return track;
        }
    }

    /// <summary>Folds in an alert the video raised: the broadcast's start or end is announced.</summary>
    public static LiveBroadcast? Raised(LiveBroadcast? track, Alert alert)
    {
        if (track is null)
            return null;
        foreach (var rule in alert.Breaches.Select(b => b.Rule))
        {
            if (rule == StartedRule) track = track with { StartAnnounced = true };
            else if (rule == EndedRule) track = track with { EndAnnounced = true };
        }
        return track;
    }

    // A sample without actualStartTime (not reported) belongs to the broadcast being tracked.
    private static bool IsSameBroadcast(LiveBroadcast track, VideoStatsObserved sample) =>
        sample.ActualStartTime is not { } start || track.StartedAt is not { } known || start == known;
}
