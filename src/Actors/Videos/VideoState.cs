using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Live;
using YouTubeAnalytics.Actors.Serialization;

namespace YouTubeAnalytics.Actors.Videos;

/// <summary>The value a metric's percent change is measured from, and when it was observed.</summary>
public sealed record MetricBaseline(long Value, DateTimeOffset At);

/// <summary>The result of offering a sample to a video: events to persist, or the reason it changes nothing.</summary>
public abstract record SampleDecision
{
    public sealed record Accept(ImmutableArray<IVideoEvent> Events) : SampleDecision;

    /// <summary><see cref="IsFuture"/>: stamped far ahead of the node's reference clock (a clock jump, counted in /metrics).</summary>
    public sealed record Ignore(string Reason, bool IsSuspicious) : SampleDecision
    {
        public bool IsFuture { get; init; }
    }
}

/// <summary>What a video does about History:Retention when the sweep wakes it (<see cref="VideoState.ExpiryAt"/>).</summary>
public enum HistoryExpiry
{
    /// <summary>Nothing to delete (no samples), or the clocks disagree (<c>History:ClockTolerance</c>): nothing is deleted.</summary>
    Nothing,

    /// <summary>Some samples are recent: snapshot if due and delete the events older than the retention, as after any snapshot.</summary>
    Prune,

    /// <summary>Every sample is older than the retention: forget the video (one <see cref="VideoEvents.HistoryForgotten"/>, all else deleted).</summary>
    Forget,
}

/// <summary>
/// A video's state and every rule about it, with no actor in sight: <see cref="Process"/> decides, <see cref="Apply"/>
/// folds an event in. Both are pure, so recovery replays exactly what the live actor did.
/// </summary>
public sealed record VideoState(
    string VideoId,
    VideoStatsObserved? Latest,
    MetricBaseline? ViewsBaseline,
    MetricBaseline? LikesBaseline,
    MetricBaseline? CommentsBaseline,
    long HighestViews,
    long SampleCount,
    long AlertCount,
    DateTimeOffset? LastAlertAt,
    HistoryIndex? History = null,
    VelocityTrack? Velocity = null,
    DateTimeOffset? LastChangeAlertAt = null,
    LiveBroadcast? Live = null) : IProtocolMessage
{
    // Live is optional in video.state.v1 too: a snapshot written before it reads as no broadcast seen (issue 21).

    // Velocity and LastChangeAlertAt are optional in video.state.v1 (rule 1 of the versioning): a snapshot written
    // before them reads with no track (started again from the next sample) and no cooldown running.

    /// <summary>Where the journal holds which hours (null in snapshots written before it existed).</summary>
    public HistoryIndex HistoryMarks => History ?? HistoryIndex.Empty;

    /// <summary>Folds in an event journalled at <paramref name="sequenceNr"/>, noting where its hour starts.</summary>
    public VideoState Apply(IVideoEvent evt, long sequenceNr) => evt is VideoEvents.SampleRecorded r
        ? Apply(evt) with { History = HistoryMarks.Record(sequenceNr, r.Sample.ObservedAt) }
        : Apply(evt);

    public static VideoState Empty(string videoId) => new(videoId, null, null, null, null, 0, 0, 0, null);

    public bool HasSamples => Latest is not null;

    /// <summary>
    /// This state under the configured rules (at creation and after a snapshot offer): the velocity track follows
    /// <see cref="AlertSettings.Velocity"/>, kept when its buckets are the same width, started again otherwise.
    /// </summary>
    public VideoState Configured(AlertSettings settings) => this with
    {
        Velocity = settings.Velocity is not { } rule ? null : Velocity?.Under(rule) ?? VelocityTrack.For(rule),
    };

    public MetricBaseline? BaselineOf(Metric metric) => metric switch
    {
        Metric.Views => ViewsBaseline,
        Metric.Likes => LikesBaseline,
        Metric.Comments => CommentsBaseline,
        _ => null,
    };

    /// <summary>
    /// Whether <paramref name="sample"/>, offered next, is the one that announces this video as a new upload (whoever found
    /// the upload raises the new:video alert with it, asking before the sample is applied): the first sample of an ordinary
    /// video; for a broadcast first seen upcoming, the first newer sample that is no longer upcoming (it went live, ended,
    /// or turned into an ordinary video). Never an upcoming sample, and never a sample after that one. <see cref="Process"/>
    /// raises the alert for a sample flagged <see cref="VideoStatsObserved.NewUpload"/> when this holds.
    /// </summary>
    public bool AnnouncesNewUpload(VideoStatsObserved sample) =>
        !LiveBroadcast.DefersNewUpload(sample)
        && (Latest is null || (LiveBroadcast.DefersNewUpload(Latest) && sample.ObservedAt > Latest.ObservedAt));

    public SampleDecision Process(VideoStatsObserved sample, AlertSettings settings, DateTimeOffset now)
    {
        if (!string.Equals(sample.VideoId, VideoId, StringComparison.Ordinal))
            return new SampleDecision.Ignore($"sample is for video {sample.VideoId}, not {VideoId}", IsSuspicious: true);
        if (sample.ViewCount < 0 || sample.LikeCount < 0 || sample.CommentCount < 0)
            return new SampleDecision.Ignore("a count is negative", IsSuspicious: true);
        if (SampleOrder.Refusal(sample.ObservedAt, Latest?.ObservedAt, now) is { } refused)
            return new SampleDecision.Ignore(refused.Reason, refused.IsSuspicious) { IsFuture = refused.IsFuture };

        var recorded = new VideoEvents.SampleRecorded(sample);
        var announces = sample.NewUpload && AnnouncesNewUpload(sample);
        if (Latest is null) // the first sample is the baseline: the one alert it may raise is the new upload's
            return announces
                ? new SampleDecision.Accept([recorded, new VideoEvents.AlertRaised(NewUploadRule.AlertFor(sample, null, []))])
                : new SampleDecision.Accept([recorded]);

        // A broadcast's start or end comes first: it is the alert's primary breach, the news of the sample.
        var breaches = LiveBroadcast.Breaches(Live, Latest, sample)
            .AddRange(FindBreaches(sample, settings, Velocity?.Record(sample.ObservedAt, sample.ViewCount)));
        if (announces) // an upcoming stream that went live: one alert, the new upload first, under the upload's id
            return new SampleDecision.Accept([recorded, new VideoEvents.AlertRaised(NewUploadRule.AlertFor(sample, Latest, breaches))]);
        if (breaches.IsEmpty)
            return new SampleDecision.Accept([recorded]);

        var alert = new Alert(
            AlertIdFor(sample, breaches), VideoId, sample.Title ?? Latest.Title, sample.ChannelTitle ?? Latest.ChannelTitle,
            sample.ObservedAt, sample.ViewCount, sample.LikeCount, sample.CommentCount, breaches,
            ChannelId: sample.ChannelId ?? Latest.ChannelId);
        return new SampleDecision.Accept([recorded, new VideoEvents.AlertRaised(alert)]);
    }

    public VideoState Apply(IVideoEvent evt) => evt switch
    {
        VideoEvents.SampleRecorded e => ApplySample(e.Sample),
        VideoEvents.AlertRaised e => ApplyAlert(e.Alert),
        // Nothing of the old samples is kept, not even the latest: a later sample is a first sample again (a baseline).
        VideoEvents.HistoryForgotten => Empty(VideoId) with { Velocity = Velocity is { } track ? VelocityTrack.For(track.Rule) : null },
        _ => this,
    };

    /// <summary>
    /// What History:Retention asks of this video, the events before <paramref name="cutoff"/> (reference clock minus the
    /// retention) being expired: nothing without samples, forget it when even the latest sample is older, else prune.
    /// </summary>
    public HistoryExpiry ExpiryAt(DateTimeOffset cutoff) =>
        Latest is null ? HistoryExpiry.Nothing
        : Latest.ObservedAt < cutoff ? HistoryExpiry.Forget
        : HistoryExpiry.Prune;

    /// <summary>
    /// True while a percent alert went out less than <see cref="AlertSettings.Cooldown"/> before <paramref name="at"/>:
    /// breaches are held (the baselines stay), so the first sample after it measures the whole change.
    /// </summary>
    public bool InCooldown(DateTimeOffset at, AlertSettings settings) =>
        settings.Cooldown > TimeSpan.Zero && LastChangeAlertAt is { } last && at - last < settings.Cooldown;

    private ImmutableArray<Breach> FindBreaches(VideoStatsObserved sample, AlertSettings settings, VelocityTrack? velocity)
    {
        var breaches = ImmutableArray.CreateBuilder<Breach>();
        if (!InCooldown(sample.ObservedAt, settings))
        {
            AddChangeBreach(breaches, Metric.Views, sample.ViewCount, sample.ObservedAt, settings);
            AddChangeBreach(breaches, Metric.Likes, sample.LikeCount, sample.ObservedAt, settings);
            AddChangeBreach(breaches, Metric.Comments, sample.CommentCount, sample.ObservedAt, settings);
        }

        // Only the highest milestone passed by this sample is reported; HighestViews keeps a dip and recovery quiet.
        var passed = settings.ViewMilestones.Where(m => m > HighestViews && m <= sample.ViewCount).DefaultIfEmpty().Max();
        if (passed > 0)
        {
            var previous = Latest!.ViewCount;
            breaches.Add(new Breach(
                $"milestone:views:{passed.ToString(CultureInfo.InvariantCulture)}", Metric.Views, previous, sample.ViewCount,
                sample.ViewCount - previous, PercentChange(previous, sample.ViewCount), sample.ObservedAt - Latest.ObservedAt,
                passed));
        }

        // Judged on the track with this sample in it, as Apply will hold it. No percentage: a chat's /threshold is about
        // percent changes, and a surge is news at any percentage.
        if (velocity?.Surge() is { } surge)
            breaches.Add(new Breach(
                VelocityRule.RuleName, Metric.Views, surge.From.Views, surge.To.Views, surge.Gain, null, surge.RecentSpan,
                UsualPerHour: Math.Round(surge.UsualPerHour, 1)));
        return breaches.ToImmutable();
    }

    private void AddChangeBreach(
        ImmutableArray<Breach>.Builder breaches, Metric metric, long? current, DateTimeOffset at, AlertSettings settings)
    {
        // A missing value is missing, not zero; a zero baseline has no meaningful percentage (re-based on apply).
        if (current is not { } value || BaselineOf(metric) is not { Value: > 0 } baseline)
            return;
        var delta = value - baseline.Value;
        if (delta <= 0 || delta < settings.MinimumChange)
            return;
        var pct = PercentChange(baseline.Value, value)!.Value;
        if (pct < settings.ChangeThresholdPercent)
            return;
        var threshold = settings.ChangeThresholdPercent.ToString("0.##", CultureInfo.InvariantCulture);
        breaches.Add(new Breach(
            $"change:{metric.WireName()}:{threshold}%", metric, baseline.Value, value, delta, pct, at - baseline.At));
    }

    internal static decimal? PercentChange(long previous, long current) =>
        previous <= 0 ? null : Math.Round((decimal)(current - previous) * 100m / previous, 2);

    private static string AlertIdFor(VideoStatsObserved sample, ImmutableArray<Breach> breaches)
    {
        var key = string.Join('|',
            [sample.VideoId, sample.ObservedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), .. breaches.Select(b => b.Rule)]);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return Convert.ToHexStringLower(hash, 0, 10);
    }

    private VideoState ApplySample(VideoStatsObserved s) => this with
    {
        Latest = s,
        ViewsBaseline = Rebase(ViewsBaseline, s.ViewCount, s.ObservedAt),
        LikesBaseline = Rebase(LikesBaseline, s.LikeCount, s.ObservedAt),
        CommentsBaseline = Rebase(CommentsBaseline, s.CommentCount, s.ObservedAt),
        HighestViews = Math.Max(HighestViews, s.ViewCount),
        SampleCount = SampleCount + 1,
        Velocity = Velocity?.Record(s.ObservedAt, s.ViewCount),
        Live = LiveBroadcast.Record(Live, s),
    };

    // A metric gets its baseline from the first sample that carries it (or from the first non-zero value).
    internal static MetricBaseline? Rebase(MetricBaseline? baseline, long? value, DateTimeOffset at) =>
        value is { } v && (baseline is null || baseline.Value == 0) ? new MetricBaseline(v, at) : baseline;

    private VideoState ApplyAlert(Alert alert)
    {
        var next = this with { AlertCount = AlertCount + 1, LastAlertAt = alert.ObservedAt, Live = LiveBroadcast.Raised(Live, alert) };
        if (alert.Breaches.Any(b => b.IsChange))
            next = next with { LastChangeAlertAt = alert.ObservedAt };
        if (alert.Breaches.Any(b => b.Rule == VelocityRule.RuleName))
            next = next with { Velocity = next.Velocity?.SurgeRaised() };
        // Only a percent change moves a baseline: milestones and surges leave the percent rule's reference alone.
        foreach (var b in alert.Breaches.Where(b => b.IsChange))
        {
            var baseline = new MetricBaseline(b.Current, alert.ObservedAt);
            next = b.Metric switch
            {
                Metric.Views => next with { ViewsBaseline = baseline },
                Metric.Likes => next with { LikesBaseline = baseline },
                Metric.Comments => next with { CommentsBaseline = baseline },
                _ => next,
            };
        }
        return next;
    }
}
