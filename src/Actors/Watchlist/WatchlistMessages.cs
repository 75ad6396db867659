using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Serialization;

namespace YouTubeAnalytics.Actors.Watchlist;

/// <summary>An event in the watchlist's journal (persistence id "watchlist").</summary>
public interface IWatchlistEvent : IProtocolMessage;

public static class WatchlistEvents
{
    public sealed record WatchAdded(WatchTarget Target, DateTimeOffset At) : IWatchlistEvent;

    public sealed record WatchRemoved(WatchTarget Target, DateTimeOffset At) : IWatchlistEvent;

    /// <summary>
    /// Videos seen for the first time in a watched playlist or channel. <see cref="NewUploads"/> (optional, issue 15;
    /// empty in rows written before it): those of them that are new uploads, announced by their video at its first
    /// sample (the watchlist tells the poller, which flags their samples <see cref="Contracts.VideoStatsObserved.NewUpload"/>).
    /// </summary>
    public sealed record VideosDiscovered(WatchTarget Collection, IReadOnlyList<string> VideoIds, DateTimeOffset At) : IWatchlistEvent
    {
        public IReadOnlyList<string> NewUploads { get; init; } = [];
    }

    /// <summary>
    /// A new upload in a watched playlist or channel, announced at discovery: one "new:video" alert, tagged "alert" for
    /// the notifier (manifest watchlist.new-upload-found.v1). No longer written (issue 15: the video announces its own
    /// upload at its first sample, <see cref="VideosDiscovered.NewUploads"/>); rows of it still read and still count as
    /// announced. Before it had its own type the watchlist persisted this as
    /// <see cref="Videos.VideoEvents.AlertRaised"/> (video.alert-raised.v1): <see cref="WatchlistState.Upcast"/> reads those rows.
    /// </summary>
    public sealed record NewUploadFound(Alert Alert) : IWatchlistEvent, IAlertEvent;

    /// <summary>
    /// One read of a playlist or channel: <paramref name="Reason"/> null when it worked, else YouTube's reason (or ours)
    /// and <paramref name="RetryAt"/>, the backoff decided when it failed. Journaled on every failure and on a success
    /// that ends a failure or comes <see cref="TargetHealth.SuccessRefresh"/> after the last one journaled.
    /// </summary>
    public sealed record TargetChecked(WatchTarget Target, string? Reason, DateTimeOffset At, DateTimeOffset? RetryAt) : IWatchlistEvent;
}

public static class WatchlistCommands
{
    public sealed record AddWatch(WatchTarget Target) : IProtocolMessage;

    /// <summary>Removes the target with this id (video, playlist, channel id or @handle).</summary>
    public sealed record RemoveWatch(string Id) : IProtocolMessage;

    /// <summary>What one expansion of a playlist or channel listed; the actor keeps what is new and alerts on it.</summary>
    public sealed record RecordDiscovered(WatchTarget Collection, IReadOnlyList<string> VideoIds, DateTimeOffset At) : IProtocolMessage;

    /// <summary>The poller's report of one read of a playlist or channel: <paramref name="FailureReason"/> null when it worked.</summary>
    public sealed record RecordTargetHealth(WatchTarget Target, string? FailureReason, DateTimeOffset At) : IProtocolMessage;

    /// <summary>The answer to RecordTargetHealth: the target's health after it.</summary>
    public sealed record TargetHealthRecorded(TargetHealth Health) : IProtocolMessage;

    /// <summary>The answer to Add/Remove: whether anything changed (false: already there, or not there).</summary>
    public sealed record WatchChanged(bool Changed, WatchTarget? Target) : IProtocolMessage;

    /// <summary>The answer to RecordDiscovered: how many ids were new, and which of them are new uploads (optional: empty from older nodes).</summary>
    public sealed record DiscoveredRecorded(int NewVideos) : IProtocolMessage
    {
        public IReadOnlyList<string> NewUploads { get; init; } = [];
    }
}

public static class WatchlistQueries
{
    public sealed record GetWatchlist : IProtocolMessage
    {
        public static readonly GetWatchlist Instance = new();
    }

    /// <summary>
    /// The targets as added, every video id to poll (direct ones and those found in watched collections), and the
    /// health of each playlist and channel read so far (none before the first read).
    /// </summary>
    public sealed record WatchlistReply(IReadOnlyList<WatchTarget> Targets, IReadOnlyList<string> VideoIds) : IProtocolMessage
    {
        public IReadOnlyList<TargetHealth> Health { get; init; } = [];

        /// <summary>
        /// Watched videos found as new uploads and not announced yet (optional, issue 15: empty from older nodes): the
        /// poller flags their samples <see cref="Contracts.VideoStatsObserved.NewUpload"/>.
        /// </summary>
        public IReadOnlyList<string> NewUploads { get; init; } = [];

        public TargetHealth HealthOf(WatchTarget target) => Health.FirstOrDefault(h => h.Target == target) ?? TargetHealth.Unknown(target);
    }
}
