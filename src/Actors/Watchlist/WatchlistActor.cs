using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using YouTubeAnalytics.Actors.Serialization;
using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Actors.Watchlist;

/// <summary>
/// The persisted watchlist (cluster singleton, persistence id "watchlist"): configuration seeds are merged in after
/// recovery, the API adds and removes targets, the poller reports what it found in playlists and channels. New uploads
/// are kept pending here and told to the poller; the video raises their "new:video" alert at its first sample (rows of
/// the older <see cref="WatchlistEvents.NewUploadFound"/> still read, and still tagged "alert").
/// </summary>
public sealed class WatchlistActor : ReceivePersistentActor
{
    public const string Name = "watchlist";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private WatchlistState _state = WatchlistState.Empty;

    public WatchlistActor(IReadOnlyList<WatchTarget> seeds, TimeProvider clock)
    {
        Recover<IWatchlistEvent>(e => _state = _state.Apply(e));
        Recover<VideoEvents.AlertRaised>(old => _state = _state.Apply(WatchlistState.Upcast(old)!)); // rows before NewUploadFound
        Recover<RecoveryCompleted>(_ =>
        {
            var now = clock.GetUtcNow();
            var seeded = seeds.SelectMany(s => _state.Add(s, now)).Distinct().ToList();
            if (seeded.Count > 0)
                PersistAll(seeded, e => _state = _state.Apply(e));
        });

        Command<WatchlistQueries.GetWatchlist>(_ => Sender.Tell(new WatchlistQueries.WatchlistReply([.. _state.Targets], _state.VideoIds())
        {
            Health = [.. _state.Targets.Where(_state.Health.ContainsKey).Select(_state.HealthOf)],
            NewUploads = _state.NewUploadsAt(clock.GetUtcNow()),
        }));
        Command<WatchlistCommands.RecordTargetHealth>(c =>
        {
            var events = _state.Check(c.Target, c.FailureReason, c.At);
            if (c.FailureReason is not null && !_state.HealthOf(c.Target).IsFailing && events.Count > 0)
                _log.Warning("{0} is failing: {1}", c.Target, c.FailureReason);
            var sender = Sender;
            if (events.Count == 0)
            {
                sender.Tell(new WatchlistCommands.TargetHealthRecorded(_state.HealthOf(c.Target)));
                return;
            }
            PersistAll(events, e => _state = _state.Apply(e));
            DeferAsync(c.Target, t => sender.Tell(new WatchlistCommands.TargetHealthRecorded(_state.HealthOf(t))));
        });
        Command<WatchlistCommands.AddWatch>(c =>
        {
            var events = _state.Add(c.Target, clock.GetUtcNow());
            PersistThenReply(events, new WatchlistCommands.WatchChanged(events.Count > 0, c.Target));
        });
        Command<WatchlistCommands.RemoveWatch>(c =>
        {
            var target = _state.Find(c.Id);
            var events = _state.Remove(c.Id, clock.GetUtcNow());
            PersistThenReply(events, new WatchlistCommands.WatchChanged(events.Count > 0, target));
        });
        Command<WatchlistCommands.RecordDiscovered>(c =>
        {
            var events = _state.Discover(c.Collection, c.VideoIds, c.At);
            var fresh = events.OfType<WatchlistEvents.VideosDiscovered>().Sum(d => d.VideoIds.Count);
            IReadOnlyList<string> uploads = [.. events.OfType<WatchlistEvents.VideosDiscovered>().SelectMany(d => d.NewUploads)];
            if (uploads.Count > 0)
                _log.Info("{0} new uploads in {1}, announced at their first sample", uploads.Count, c.Collection);
            PersistThenReply(events, new WatchlistCommands.DiscoveredRecorded(fresh) { NewUploads = uploads });
        });
    }

    public override string PersistenceId => Name;

    public static Props PropsFor(IReadOnlyList<WatchTarget> seeds, TimeProvider clock) =>
        Props.Create(() => new WatchlistActor(seeds, clock));

    /// <summary>The reply is the promise that the change is durable: it goes out after the persist callbacks.</summary>
    private void PersistThenReply(IReadOnlyList<IProtocolMessage> events, object reply)
    {
        var sender = Sender;
        if (events.Count == 0)
        {
            sender.Tell(reply);
            return;
        }
        PersistAll(events, e => _state = _state.Apply(e));
        DeferAsync(reply, r => sender.Tell(r));
    }
}
