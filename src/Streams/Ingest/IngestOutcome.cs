using YouTubeAnalytics.Actors.Channels;
using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Streams.Ingest;

/// <summary>
/// What one ingest step did with one record; every ingest flow emits these and nothing else, and the pipeline counts
/// each kind. Closed: the cases below are the only ones (the constructor is private), so a new case is a change here,
/// in <see cref="IngestCounters"/> and in the status, not a silently ignored object.
/// </summary>
public abstract record IngestOutcome
{
    private IngestOutcome()
    {
    }

    /// <summary>The video's actor persisted the sample (and its alert, when <see cref="AlertId"/> is set).</summary>
    public sealed record Accepted(string VideoId, DateTimeOffset ObservedAt, string? AlertId) : IngestOutcome;

    /// <summary>The video's actor had it already, or it was stale or invalid: nothing changed, safe to move past.</summary>
    public sealed record Ignored(string VideoId, DateTimeOffset ObservedAt, string Reason) : IngestOutcome;

    /// <summary>The sample is on a transport (e.g. the raw topic), not yet persisted: another pipeline takes it from there.</summary>
    public sealed record Published(string VideoId, DateTimeOffset PublishedAt) : IngestOutcome;

    /// <summary>A record that cannot be read was set aside (e.g. on the dead-letter topic) with the reason.</summary>
    public sealed record DeadLettered(string Reason) : IngestOutcome;

    /// <summary>The video or channel actor's answer to an offered sample, as an outcome (a channel's id in VideoId).</summary>
    public static IngestOutcome From(object answer) => answer switch
    {
        VideoCommands.SampleAccepted a => new Accepted(a.VideoId, a.ObservedAt, a.AlertId),
        VideoCommands.SampleIgnored i => new Ignored(i.VideoId, i.ObservedAt, i.Reason),
        ChannelCommands.StatsAccepted a => new Accepted(a.ChannelId, a.ObservedAt, a.AlertId),
        ChannelCommands.StatsIgnored i => new Ignored(i.ChannelId, i.ObservedAt, i.Reason),
        _ => throw new InvalidOperationException($"a video actor answered a sample with {answer.GetType().Name}"),
    };
}
