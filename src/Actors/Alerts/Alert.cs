using System.Collections.Immutable;

namespace YouTubeAnalytics.Actors.Alerts;

/// <summary>The metrics a rule can watch; their wire names are lower case.</summary>
public enum Metric
{
    Views,
    Likes,
    Comments,
    Subscribers,

    /// <summary>A live broadcast's concurrent viewers (the live rules).</summary>
    Viewers,
}

/// <summary>What an alert is about: a video (the default, and every alert written before channels) or a channel.</summary>
public enum AlertSubject
{
    Video,
    Channel,
}

public static class MetricNames
{
    public static string WireName(this Metric metric) => metric switch
    {
        Metric.Views => "views",
        Metric.Likes => "likes",
        Metric.Comments => "comments",
        Metric.Subscribers => "subscribers",
        Metric.Viewers => "viewers",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };
}

/// <summary>
/// One rule that fired for one metric. <see cref="Rule"/> is the contract's rule name, e.g. "change:views:5%" or
/// "milestone:views:1000000"; <see cref="Window"/> is the time since the value it is compared with.
/// <see cref="UsualPerHour"/> is a velocity surge's trailing rate (views an hour), null for every other rule
/// (optional in <c>video.alert-raised.v1</c>: absent in alerts raised before the rule existed).
/// </summary>
public sealed record Breach(
    string Rule,
    Metric Metric,
    long Previous,
    long Current,
    long DeltaAbs,
    decimal? DeltaPct,
    TimeSpan Window,
    long? Milestone = null,
    double? UsualPerHour = null)
{
    /// <summary>A percent-change breach: the only kind that moves its metric's baseline and that a cooldown holds.</summary>
    public bool IsChange => Rule.StartsWith("change:", StringComparison.Ordinal);
}

/// <summary>
/// What a sample that breached one or more rules raises: one alert, however many rules fired. The id is derived
/// from the video, the sample time and the rules, so the same breach always carries the same id. A channel's alert
/// (<see cref="Subject"/> = Channel) carries the channel id in <see cref="VideoId"/> and its published subscriber
/// count in <see cref="SubscriberCount"/>; both fields are absent from alerts persisted before channels (defaults).
/// <see cref="ChannelId"/> is the channel of the video (or the channel itself); optional, null in alerts persisted before it.
/// </summary>
public sealed record Alert(
    string AlertId,
    string VideoId,
    string? Title,
    string? ChannelTitle,
    DateTimeOffset ObservedAt,
    long ViewCount,
    long? LikeCount,
    long? CommentCount,
    ImmutableArray<Breach> Breaches,
    AlertSubject Subject = AlertSubject.Video,
    long? SubscriberCount = null,
    string? ChannelId = null);
