using System.Collections.Immutable;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Serialization;
using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Actors.Watchlist;

/// <summary>
/// The watched targets and the videos found in each watched playlist or channel. Pure: commands give events,
/// <see cref="Apply"/> folds them in. The first expansion of a collection is its baseline; a video that appears in
/// a later one, and was never seen before anywhere in the watchlist nor announced before, is a new upload
/// (<see cref="WatchlistEvents.VideosDiscovered.NewUploads"/>): pending for <see cref="PendingUploadWindow"/>, during which
/// the poller flags its samples and the video raises the "new:video" alert at the sample that announces it.
/// </summary>
public sealed record WatchlistState(
    ImmutableList<WatchTarget> Targets,
    ImmutableDictionary<WatchTarget, ImmutableHashSet<string>> Discovered)
{
    public const string NewVideoRule = NewUploadRule.Rule;

    /// <summary>
    /// How long a new upload stays pending (its samples flagged): long enough for an upcoming stream scheduled weeks ahead
    /// (YouTube's terms keep data 30 days), bounded so the list does not grow with every upload ever found.
    /// </summary>
    public static readonly TimeSpan PendingUploadWindow = TimeSpan.FromDays(30);

    /// <summary>New uploads found and when; the video announces each (once) at its first sample. Pruned past the window.</summary>
    public ImmutableDictionary<string, DateTimeOffset> PendingUploads { get; init; } = ImmutableDictionary<string, DateTimeOffset>.Empty;

    /// <summary>The watched videos found as new uploads within <see cref="PendingUploadWindow"/> before <paramref name="now"/>.</summary>
    public IReadOnlyList<string> NewUploadsAt(DateTimeOffset now)
    {
        var watched = VideoIds().ToHashSet(StringComparer.Ordinal);
        return [.. PendingUploads.Where(p => now - p.Value < PendingUploadWindow && watched.Contains(p.Key))
            .Select(p => p.Key).Order(StringComparer.Ordinal)];
    }

    public static WatchlistState Empty { get; } = new([], ImmutableDictionary<WatchTarget, ImmutableHashSet<string>>.Empty);

    /// <summary>The videos already announced as new uploads: each is announced once, even after its collection was removed.</summary>
    public ImmutableHashSet<string> Announced { get; init; } = [];

    /// <summary>Per watched playlist or channel, how its reads go (absent until its first read is journaled).</summary>
    public ImmutableDictionary<WatchTarget, TargetHealth> Health { get; init; } = ImmutableDictionary<WatchTarget, TargetHealth>.Empty;

    public TargetHealth HealthOf(WatchTarget target) => Health.GetValueOrDefault(target) ?? TargetHealth.Unknown(target);

    /// <summary>
    /// One read of a collection: a failure is always journaled with its backoff (5 min doubling per failure in a row,
    /// at most 6 h); a success only when it ends a failure, is the first, or the last journaled is an hour old.
    /// </summary>
    public IReadOnlyList<IProtocolMessage> Check(WatchTarget target, string? failureReason, DateTimeOffset at)
    {
        if (!Contains(target) || target.Kind == WatchKind.Video)
            return [];
        var health = HealthOf(target);
        if (failureReason is not null)
            return [new WatchlistEvents.TargetChecked(target, failureReason, at, at + TargetHealth.Backoff.DelayFor(health.Failures + 1))];
        var stale = health.LastSuccessAt is not { } last || at - last >= TargetHealth.SuccessRefresh;
        return health.IsFailing || stale ? [new WatchlistEvents.TargetChecked(target, null, at, null)] : [];
    }

    public bool Contains(WatchTarget target) => Targets.Contains(target);

    public WatchTarget? Find(string id) => Targets.FirstOrDefault(t => string.Equals(t.Id, id, t.IsHandle ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));

    /// <summary>Direct videos first, then those of the collections, each once.</summary>
    public IReadOnlyList<string> VideoIds() =>
        Targets.Where(t => t.Kind == WatchKind.Video).Select(t => t.Id)
            .Concat(Discovered.Values.SelectMany(v => v.Order(StringComparer.Ordinal)))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    public IReadOnlyList<IProtocolMessage> Add(WatchTarget target, DateTimeOffset at) =>
        Contains(target) ? [] : [new WatchlistEvents.WatchAdded(target, at)];

    public IReadOnlyList<IProtocolMessage> Remove(string id, DateTimeOffset at) =>
        Find(id) is { } target ? [new WatchlistEvents.WatchRemoved(target, at)] : [];

    public IReadOnlyList<IProtocolMessage> Discover(WatchTarget collection, IReadOnlyList<string> videoIds, DateTimeOffset at)
    {
        if (!Contains(collection) || collection.Kind == WatchKind.Video)
            return [];
        var known = Discovered.GetValueOrDefault(collection, []);
        var fresh = videoIds.Where(VideoId.IsValid).Distinct(StringComparer.Ordinal).Where(id => !known.Contains(id)).ToList();
        var isBaseline = !Discovered.ContainsKey(collection);
        if (fresh.Count == 0 && !isBaseline)
            return [];
        IReadOnlyList<string> uploads = [];
        if (!isBaseline)
        {
            var seenAnywhere = VideoIds().ToHashSet(StringComparer.Ordinal);
            uploads = [.. fresh.Where(id => !seenAnywhere.Contains(id) && !Announced.Contains(id) && !PendingUploads.ContainsKey(id))];
        }
        return [new WatchlistEvents.VideosDiscovered(collection, fresh, at) { NewUploads = uploads }];
    }

    public WatchlistState Apply(IProtocolMessage evt) => evt switch
    {
        WatchlistEvents.WatchAdded a => this with { Targets = Targets.Add(a.Target) },
        WatchlistEvents.WatchRemoved r => this with
        {
            Targets = Targets.Remove(r.Target),
            Discovered = Discovered.Remove(r.Target),
            Health = Health.Remove(r.Target),
        },
        WatchlistEvents.TargetChecked c => this with { Health = Health.SetItem(c.Target, Fold(HealthOf(c.Target), c)) },
        WatchlistEvents.VideosDiscovered d => this with
        {
            Discovered = Discovered.SetItem(d.Collection, Discovered.GetValueOrDefault(d.Collection, []).Union(d.VideoIds)),
            PendingUploads = PendingUploads
                .RemoveRange(PendingUploads.Where(p => d.At - p.Value >= PendingUploadWindow).Select(p => p.Key))
                .SetItems(d.NewUploads.Where(id => !PendingUploads.ContainsKey(id)).Select(id => KeyValuePair.Create(id, d.At))),
        },
        WatchlistEvents.NewUploadFound n => this with { Announced = Announced.Add(n.Alert.VideoId) },
        _ => this,
    };

    /// <summary>
    /// Today's event for one recovered from the watchlist's journal: rows written before the new upload had its own
    /// type hold <see cref="VideoEvents.AlertRaised"/> (video.alert-raised.v1) and read as <see cref="WatchlistEvents.NewUploadFound"/>.
    /// Null for anything else (not the watchlist's).
    /// </summary>
    public static IWatchlistEvent? Upcast(object recovered) => recovered switch
    {
        IWatchlistEvent current => current,
        VideoEvents.AlertRaised old => new WatchlistEvents.NewUploadFound(old.Alert),
        _ => null,
    };

    private static TargetHealth Fold(TargetHealth health, WatchlistEvents.TargetChecked c) => c.Reason is null
        ? health with { Failures = 0, Reason = null, LastSuccessAt = c.At, FailingSince = null, RetryAt = null }
        : health with { Failures = health.Failures + 1, Reason = c.Reason, FailingSince = health.FailingSince ?? c.At, RetryAt = c.RetryAt };

    /// <summary>
    /// The alert the watchlist raised at discovery before issue 15 (no title, no counts), as its old rows hold it: the id
    /// depends on the video alone (<see cref="NewUploadRule.AlertIdFor"/>), the same id the video's own alert carries now.
    /// </summary>
    public static Alert NewVideoAlert(WatchTarget collection, string videoId, DateTimeOffset at) =>
        new(NewUploadRule.AlertIdFor(videoId), videoId, null, null, at, 0, null, null,
            [new Breach(NewVideoRule, Metric.Views, 0, 0, 0, null, TimeSpan.Zero)]);
}
