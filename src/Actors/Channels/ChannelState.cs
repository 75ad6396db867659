using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Serialization;
using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Actors.Channels;

/// <summary>The result of offering a sample to a channel: events to persist, or the reason it changes nothing.</summary>
public abstract record ChannelDecision
{
    /// <summary><see cref="ChannelEvents.StatsRecorded"/>, then a <see cref="VideoEvents.AlertRaised"/> when a rule fired.</summary>
    public sealed record Accept(ImmutableArray<IProtocolMessage> Events) : ChannelDecision;

    public sealed record Ignore(string Reason, bool IsSuspicious) : ChannelDecision;
}

/// <summary>
/// A channel's state and every rule about it, pure like <see cref="VideoState"/>. Subscriber counts are published
/// rounded down to three significant figures (<see cref="SubscriberCount"/>), so a rule on them uses what the
/// published numbers prove: a milestone is passed when the published count reaches it (the true count is at least
/// that), and a change counts only as far as the lowest true count now exceeds the highest it could have been at the
/// baseline. A hidden count (null) is missing: it neither moves a baseline nor fires a rule, and a channel's first
/// count ever seen (in its first sample, or after it was hidden from the start) is a baseline.
/// </summary>
public sealed record ChannelState(
    string ChannelId,
    ChannelStatsObserved? Latest,
    MetricBaseline? SubscribersBaseline,
    MetricBaseline? ViewsBaseline,
    long? HighestSubscribers,
    long SampleCount,
    long AlertCount,
    DateTimeOffset? LastAlertAt) : IProtocolMessage
{
    public const string SubscriberMilestoneRule = "milestone:subscribers:";

    public static ChannelState Empty(string channelId) => new(channelId, null, null, null, null, 0, 0, null);

    public bool HasSamples => Latest is not null;

    public ChannelDecision Process(ChannelStatsObserved sample, ChannelAlertSettings settings, DateTimeOffset now)
    {
        if (!string.Equals(sample.ChannelId, ChannelId, StringComparison.Ordinal))
            return new ChannelDecision.Ignore($"sample is for channel {sample.ChannelId}, not {ChannelId}", IsSuspicious: true);
        if (sample.ViewCount < 0 || sample.VideoCount < 0 || sample.SubscriberCount < 0)
            return new ChannelDecision.Ignore("a count is negative", IsSuspicious: true);
        if (SampleOrder.Refusal(sample.ObservedAt, Latest?.ObservedAt, now) is { } refused)
            return new ChannelDecision.Ignore(refused.Reason, refused.IsSuspicious);

        var recorded = new ChannelEvents.StatsRecorded(sample);
        if (Latest is null)
            return new ChannelDecision.Accept([recorded]); // the first sample is the baseline

        var breaches = FindBreaches(sample, settings);
        if (breaches.IsEmpty)
            return new ChannelDecision.Accept([recorded]);
        var alert = new Alert(
            AlertIdFor(sample, breaches), ChannelId, sample.Title ?? Latest.Title, sample.Title ?? Latest.Title,
            sample.ObservedAt, sample.ViewCount, null, null, breaches, AlertSubject.Channel, sample.SubscriberCount, ChannelId);
        return new ChannelDecision.Accept([recorded, new VideoEvents.AlertRaised(alert)]);
    }

    public ChannelState Apply(IProtocolMessage evt) => evt switch
    {
        ChannelEvents.StatsRecorded e => ApplyStats(e.Stats),
        VideoEvents.AlertRaised e => ApplyAlert(e.Alert),
        _ => this,
    };

    private ImmutableArray<Breach> FindBreaches(ChannelStatsObserved sample, ChannelAlertSettings settings)
    {
        var breaches = ImmutableArray.CreateBuilder<Breach>();
        var window = sample.ObservedAt - Latest!.ObservedAt;

        // Subscribers: the lowest true count now against the highest it could have been at the baseline.
        if (sample.SubscriberCount is { } subscribers && SubscribersBaseline is { Value: > 0 } subBase)
        {
            var highestAtBaseline = SubscriberCount.UpperBound(subBase.Value);
            var provenRise = subscribers - highestAtBaseline;
            if (provenRise > 0 && subscribers - subBase.Value >= settings.MinimumChange
                && provenRise * 100m / highestAtBaseline >= settings.ChangeThresholdPercent)
                breaches.Add(ChangeBreach(Metric.Subscribers, subBase, subscribers, sample.ObservedAt, settings));
        }

        // Views are exact.
        if (ViewsBaseline is { Value: > 0 } viewBase)
        {
            var delta = sample.ViewCount - viewBase.Value;
            if (delta > 0 && delta >= settings.MinimumChange
                && VideoState.PercentChange(viewBase.Value, sample.ViewCount) >= settings.ChangeThresholdPercent)
                breaches.Add(ChangeBreach(Metric.Views, viewBase, sample.ViewCount, sample.ObservedAt, settings));
        }

        // A published count at or above a milestone proves the true count passed it; the highest count seen keeps
        // a dip and recovery quiet, and a count never seen before (first sample, or hidden until now) is a baseline.
        if (sample.SubscriberCount is { } now && HighestSubscribers is { } highest)
        {
            var passed = settings.SubscriberMilestones.Where(m => m > highest && m <= now).DefaultIfEmpty().Max();
            if (passed > 0)
            {
                var previous = Latest.SubscriberCount ?? highest;
                breaches.Add(new Breach(
                    SubscriberMilestoneRule + passed.ToString(CultureInfo.InvariantCulture), Metric.Subscribers, previous, now,
                    now - previous, VideoState.PercentChange(previous, now), window, passed));
            }
        }
        return breaches.ToImmutable();
    }

    private static Breach ChangeBreach(
        Metric metric, MetricBaseline baseline, long current, DateTimeOffset at, ChannelAlertSettings settings)
    {
        var threshold = settings.ChangeThresholdPercent.ToString("0.##", CultureInfo.InvariantCulture);
        return new Breach(
            $"change:{metric.WireName()}:{threshold}%", metric, baseline.Value, current, current - baseline.Value,
            VideoState.PercentChange(baseline.Value, current), at - baseline.At);
    }

    private static string AlertIdFor(ChannelStatsObserved sample, ImmutableArray<Breach> breaches)
    {
        var key = string.Join('|',
            ["channel", sample.ChannelId, sample.ObservedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), .. breaches.Select(b => b.Rule)]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0, 10);
    }

    private ChannelState ApplyStats(ChannelStatsObserved s) => this with
    {
        Latest = s,
        SubscribersBaseline = VideoState.Rebase(SubscribersBaseline, s.SubscriberCount, s.ObservedAt),
        ViewsBaseline = VideoState.Rebase(ViewsBaseline, s.ViewCount, s.ObservedAt),
        HighestSubscribers = s.SubscriberCount is { } n ? Math.Max(n, HighestSubscribers ?? 0) : HighestSubscribers,
        SampleCount = SampleCount + 1,
    };

    private ChannelState ApplyAlert(Alert alert)
    {
        var next = this with { AlertCount = AlertCount + 1, LastAlertAt = alert.ObservedAt };
        foreach (var b in alert.Breaches.Where(b => b.Milestone is null))
        {
            var baseline = new MetricBaseline(b.Current, alert.ObservedAt);
            next = b.Metric switch
            {
                Metric.Subscribers => next with { SubscribersBaseline = baseline },
                Metric.Views => next with { ViewsBaseline = baseline },
                _ => next,
            };
        }
        return next;
    }
}
