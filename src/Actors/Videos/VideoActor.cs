using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Metrics;
using YouTubeAnalytics.Actors.ReadSide;
using YouTubeAnalytics.Actors.Resilience;

namespace YouTubeAnalytics.Actors.Videos;

/// <summary>
/// How a VideoActor evaluates and snapshots, and how long its history is kept (History:Retention; null keeps it all).
/// <paramref name="SnapshotOnPassivation"/>: on passivation, a snapshot is saved when at least this many events came
/// since the last one (0: never), so the next activation replays nothing. <see cref="ClockTolerance"/>
/// (History:ClockTolerance): how far the wall clock may stray from the <see cref="ReferenceClock"/> before retention
/// stops deleting.
/// </summary>
public sealed record VideoActorSettings(AlertSettings Alerts, int SnapshotEvery, TimeSpan? Retention = null, int SnapshotOnPassivation = 1)
{
    public TimeSpan ClockTolerance { get; init; } = DefaultClockTolerance;

    public static readonly TimeSpan DefaultClockTolerance = TimeSpan.FromMinutes(5);

    public static VideoActorSettings Default { get; } = new(AlertSettings.Default, 100);
}

/// <summary>
/// The sharded entity for one video. Thin by design: <see cref="VideoState"/> decides, this persists, applies and
/// replies, and only after the persist callback, so an ack always means "durable". An alert, once persisted, is pushed
/// to the notifier (<see cref="IAlertPush"/>, fire-and-forget); the notifier's tag query catches a lost push.
/// </summary>
public sealed class VideoActor : ReceivePersistentActor
{
    private readonly VideoActorSettings _settings;
    private readonly ILatestStatsWriter _readSide;
    private readonly TimeProvider _clock;
    private readonly IAlertPush _push;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private VideoState _state;
    private long _lastSnapshotSequenceNr;
    private long _newestSavedSnapshot;
    private bool _pruning;
    private bool _stopping;

    /// <summary>How long a stopping actor waits for its last snapshot before it stops anyway.</summary>
    private static readonly TimeSpan StopSnapshotTimeout = TimeSpan.FromSeconds(10);

    /// <param name="push">Where a persisted alert is pushed; none (the tag query alone) when not given.</param>
    public VideoActor(string videoId, VideoActorSettings settings, ILatestStatsWriter readSide, TimeProvider clock, IAlertPush? push = null)
    {
        _settings = settings;
        _readSide = readSide;
        _clock = clock;
        _push = push ?? NoAlertPush.Instance;
        _state = VideoState.Empty(videoId).Configured(settings.Alerts);
        PersistenceId = PersistenceIdFor(videoId);

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is VideoState snapshot)
            {
                _state = snapshot.Configured(_settings.Alerts);
                _lastSnapshotSequenceNr = offer.Metadata.SequenceNr;
            }
        });
        Recover<IVideoEvent>(e => _state = _state.Apply(e, LastSequenceNr));

        Command<VideoCommands.RecordSample>(Handle);
        Command<VideoQueries.GetVideoStats>(_ => Sender.Tell(
            new VideoQueries.VideoStatsReply(_state, MilestoneForecast.For(_state, _settings.Alerts.ViewMilestones))));
        Command<VideoQueries.GetHistoryRange>(q =>
        {
            var (from, to) = _state.HistoryMarks.RangeFor(q.From, q.To, LastSequenceNr);
            Sender.Tell(new VideoQueries.HistoryRange(_state.VideoId, _state.HasSamples, from, to));
        });
        Command<VideoCommands.ExpireHistory>(_ => ExpireHistory());
        Command<VideoPassivation.Stop>(_ => StopWithSnapshot());
        Command<ReceiveTimeout>(_ =>
        {
            if (!_stopping)
                return;
            _log.Warning("The snapshot of {0} on passivation did not complete in {1}; stopping without it", PersistenceId, StopSnapshotTimeout);
            Context.Stop(Self);
        });
        Command<SaveSnapshotSuccess>(s =>
        {
            // Below the newest snapshot saved so far, not below this one: two saves in flight may complete in either
            // order, and a delete run before the older save committed would leave it behind.
            _newestSavedSnapshot = Math.Max(_newestSavedSnapshot, s.Metadata.SequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(_newestSavedSnapshot - 1));
            if (_stopping)
            {
                Context.Stop(Self);
                return;
            }
            PruneHistoryUpTo(s.Metadata.SequenceNr);
        });
        Command<HistoryExpired>(e =>
        {
            _pruning = false;
            if (e.UpToSequenceNr > 0)
            {
                DeleteMessages(e.UpToSequenceNr);
                _state = _state with { History = _state.HistoryMarks.DropThrough(e.UpToSequenceNr) };
            }
        });
        Command<Status.Failure>(f =>
        {
            _pruning = false;
            _log.Warning(f.Cause, "Could not read the history of {0} to prune it; the next snapshot tries again", PersistenceId);
        });
        Command<DeleteMessagesSuccess>(d => _log.Debug("History of {0} older than the retention deleted up to {1}", PersistenceId, d.ToSequenceNr));
        Command<DeleteMessagesFailure>(f => _log.Warning(f.Cause, "Deleting the expired history of {0} failed", PersistenceId));
        Command<SaveSnapshotFailure>(f =>
        {
            _log.Warning(f.Cause, "Snapshot of {0} failed", PersistenceId);
            if (_stopping)
                Context.Stop(Self); // the events are all in the journal: the next activation replays them
        });
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning(f.Cause, "Deleting old snapshots of {0} failed", PersistenceId));
    }

    public override string PersistenceId { get; }

    protected override void PreStart()
    {
        PipelineMeter.VideoActorStarted();
        base.PreStart();
    }

    protected override void PostStop()
    {
        PipelineMeter.VideoActorStopped();
        base.PostStop();
    }

    public static string PersistenceIdFor(string videoId) => $"video-{videoId}";

    public static Props PropsFor(
        string videoId, VideoActorSettings settings, ILatestStatsWriter readSide, TimeProvider clock, IAlertPush? push = null) =>
        Props.Create(() => new VideoActor(videoId, settings, readSide, clock, push));

    private void Handle(VideoCommands.RecordSample cmd)
    {
        var sample = cmd.Sample;
        // The reference, not the wall clock: a wall clock that jumped ahead would let a sample stamped by it become the
        // latest and freeze the video (every later sample "older than the latest").
        switch (_state.Process(sample, _settings.Alerts, ReferenceClock.Of(_clock).Read(_settings.ClockTolerance).Reference))
        {
            case SampleDecision.Ignore ignore:
                if (ignore.IsFuture)
                    PipelineMeter.SampleRefusedForClock();
                if (ignore.IsSuspicious)
                    _log.Warning("Ignored a sample for {0} observed at {1:O}: {2}", _state.VideoId, sample.ObservedAt, ignore.Reason);
                else
                    _log.Debug("Ignored a sample for {0} observed at {1:O}: {2}", _state.VideoId, sample.ObservedAt, ignore.Reason);
                Sender.Tell(new VideoCommands.SampleIgnored(_state.VideoId, sample.ObservedAt, ignore.Reason));
                break;

            case SampleDecision.Accept accept:
                var replyTo = Sender;
                string? alertId = null;
                var handedToJournal = Stopwatch.GetTimestamp();
                PersistAll(accept.Events, evt =>
                {
                    _state = _state.Apply(evt, LastSequenceNr);
                    if (evt is VideoEvents.AlertRaised raised)
                    {
                        alertId = raised.Alert.AlertId;
                        _push.Push(raised.Alert); // persisted: the notifier may deliver it now
                    }
                });
                DeferAsync(accept, _ =>
                {
                    PipelineMeter.JournalWritten(handedToJournal);
                    _readSide.Publish(VideoSummary.From(_state.Latest!, _state.SampleCount, _state.AlertCount, _state.LastAlertAt));
                    replyTo.Tell(new VideoCommands.SampleAccepted(_state.VideoId, sample.ObservedAt, alertId));
                    SnapshotIfDue();
                });
                break;
        }
    }

    /// <summary>
    /// The sweep's wake-up (a video no longer sampled never snapshots, so it never prunes by itself). Under the same clock
    /// rule as the prune: nothing is deleted while the wall clock disagrees with the reference. Forget: one
    /// HistoryForgotten, then every event before it and every snapshot deleted. Prune: a snapshot when events came
    /// since the last (its success prunes), else the prune up to the last snapshot.
    /// </summary>
    private void ExpireHistory()
    {
        var replyTo = Sender;
        var clock = ReferenceClock.Of(_clock).Read(_settings.ClockTolerance);
        var expiry = _settings.Retention is not { } retention || !clock.Agrees || _stopping
            ? HistoryExpiry.Nothing
            : _state.ExpiryAt(clock.Reference - retention);
        if (_settings.Retention is not null && !clock.Agrees)
            _log.Warning("History of {0} not expired: the wall clock {1:O} is {2} off the reference {3:O} (History:ClockTolerance {4})",
                PersistenceId, clock.Wall, clock.Disagreement, clock.Reference, clock.Tolerance);
        switch (expiry)
        {
            case HistoryExpiry.Forget:
                Persist(new VideoEvents.HistoryForgotten(clock.Wall, clock.Reference - _settings.Retention!.Value), e =>
                {
                    _state = _state.Apply(e, LastSequenceNr);
                    // Through the marker: the journal keeps its highest deleted row (flagged) for the sequence number, and
                    // that row must be the marker, which holds no YouTube data, not the last sample.
                    DeleteMessages(LastSequenceNr);
                    DeleteSnapshots(new SnapshotSelectionCriteria(long.MaxValue));
                    _lastSnapshotSequenceNr = LastSequenceNr;
                    _log.Info("Every sample of {0} was older than History:Retention: its history is deleted", _state.VideoId);
                    replyTo.Tell(new VideoCommands.HistoryExpiryAnswered(_state.VideoId, expiry));
                });
                return;
            case HistoryExpiry.Prune when LastSequenceNr > _lastSnapshotSequenceNr:
                _lastSnapshotSequenceNr = LastSequenceNr;
                SaveSnapshot(_state); // its success prunes
                break;
            case HistoryExpiry.Prune:
                PruneHistoryUpTo(_lastSnapshotSequenceNr);
                break;
        }
        replyTo.Tell(new VideoCommands.HistoryExpiryAnswered(_state.VideoId, expiry));
    }

    /// <summary>The newest event older than the retention, found by reading the journal (events are in time order).</summary>
    private sealed record HistoryExpired(long UpToSequenceNr);

    /// <summary>
    /// Deletes the events older than History:Retention (YouTube's terms), never past the snapshot just saved, so
    /// recovery (snapshot + later events) is untouched. Runs once per snapshot, off the actor: the result is piped back.
    /// </summary>
    private void PruneHistoryUpTo(long snapshotSequenceNr)
    {
        if (_settings.Retention is not { } retention || _pruning)
            return;
        var clock = ReferenceClock.Of(_clock).Read(_settings.ClockTolerance);
        if (!clock.Agrees)
        {
            _log.Warning("History of {0} not pruned: the wall clock {1:O} is {2} off the reference {3:O} (History:ClockTolerance {4})",
                PersistenceId, clock.Wall, clock.Disagreement, clock.Reference, clock.Tolerance);
            return;
        }
        _pruning = true;
        var cutoff = clock.Reference - retention;
        PersistenceQuery.Get(Context.System)
            .ReadJournalFor<ICurrentEventsByPersistenceIdQuery>(YouTubeAnalytics.Actors.Persistence.JournalNames.ReadJournalPluginId)
            .CurrentEventsByPersistenceId(PersistenceId, 0, snapshotSequenceNr)
            .TakeWhile(env => ObservedAt(env.Event) is { } at && at < cutoff)
            // The snapshot's own event stays: the journal keeps the video's highest sequence number in a row.
            .RunAggregate(0L, (_, env) => Math.Min(env.SequenceNr, snapshotSequenceNr - 1), Context.Materializer())
            .PipeTo(Self, success: upTo => new HistoryExpired(upTo));
    }

    private static DateTimeOffset? ObservedAt(object evt) => evt switch
    {
        VideoEvents.SampleRecorded r => r.Sample.ObservedAt,
        VideoEvents.AlertRaised a => a.Alert.ObservedAt,
        _ => null,
    };

    /// <summary>
    /// Passivation or hand-off: with at least <see cref="VideoActorSettings.SnapshotOnPassivation"/> events since the
    /// last snapshot, save one and stop when it is saved (or failed); otherwise stop now. Sharding buffers the video's
    /// messages until this actor has stopped, and a persist in progress completes first (commands wait for it).
    /// </summary>
    private void StopWithSnapshot()
    {
        if (_stopping)
            return;
        var since = LastSequenceNr - _lastSnapshotSequenceNr;
        if (_settings.SnapshotOnPassivation <= 0 || since < _settings.SnapshotOnPassivation || !_state.HasSamples)
        {
            Context.Stop(Self);
            return;
        }
        _stopping = true;
        _lastSnapshotSequenceNr = LastSequenceNr;
        SaveSnapshot(_state);
        Context.SetReceiveTimeout(StopSnapshotTimeout);
    }

    private void SnapshotIfDue()
    {
        if (LastSequenceNr - _lastSnapshotSequenceNr < _settings.SnapshotEvery)
            return;
        _lastSnapshotSequenceNr = LastSequenceNr;
        // Events stay: they are the video's history. Only older snapshots are deleted once this one is saved.
        SaveSnapshot(_state);
    }
}
