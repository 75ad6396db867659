using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using YouTubeAnalytics.Actors.Persistence;
using YouTubeAnalytics.Actors.Resilience;
using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Actors.Alerts;

public sealed record NotifierSettings(
    string ReadJournalPluginId,
    int SnapshotEvery,
    int MaxBatch,
    TimeSpan DeliveryTimeout,
    TimeSpan RetryMinBackoff,
    TimeSpan RetryMaxBackoff,
    TimeSpan ProjectionRestartDelay)
{
    /// <summary>The backoff between delivery attempts of a failed batch.</summary>
    public BackoffPolicy RetryBackoff => new(RetryMinBackoff, RetryMaxBackoff);

    public static NotifierSettings Default { get; } = new(
        JournalNames.ReadJournalPluginId, 100, 100, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(1),
        TimeSpan.FromSeconds(1));
}

/// <summary>
/// Delivers every alert in the journal exactly once (cluster singleton). It reads events tagged "alert" from its
/// persisted offset and hands them to the <see cref="IAlertSink"/> in batches: one alert when the sink keeps up,
/// everything that queued up meanwhile (up to MaxBatch) when it does not, so a sink can merge a backlog into a
/// digest. Deliveries are persisted before the projection is asked for more. A failed batch is retried with
/// backoff, never skipped. A sink that reports progress within a batch has each reported alert recorded at once;
/// only what was in flight at a crash (the rest of the batch, or the one message being sent for a sink that reports
/// progress) may be delivered again after the restart (the sink's call is outside the journal). Progress is kept per
/// recipient too (<see cref="AlertProgress"/>): what a chat received, and what it is owed while the others moved on;
/// the projection starts before the oldest owed alert, and re-read alerts go only to the recipients owed them.
/// A video pushes each alert it persisted (<see cref="NotifierCommands.AlertPushed"/>): delivered at once, recorded
/// without an ordering; the tag query, which still reads every alert and owns the offset, then finds it delivered and
/// records where it is (<see cref="NotifierEvents.AlertLocated"/>). A lost push is delivered when the query reads it.
/// </summary>
public sealed class NotifierActor : ReceivePersistentActor, IWithTimers
{
    public const string Name = "alert-notifier";

    private readonly NotifierSettings _settings;
    private readonly IAlertSink _sink;
    private readonly TimeProvider _time;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CancellationTokenSource _stopping = new();
    private NotifierState _state = NotifierState.Empty;
    private long _lastSnapshotSequenceNr;
    private UniqueKillSwitch? _projection;
    private IActorRef _projectionInbox = ActorRefs.Nobody;
    private Pending? _pending;
    /// <summary>The projection's batch waiting for the one in flight (not acked yet: the projection sends no other).</summary>
    private ImmutableList<ProjectedAlert>? _queued;
    /// <summary>Pushed alerts waiting for the delivery in flight.</summary>
    private ImmutableList<ProjectedAlert> _pushed = ImmutableList<ProjectedAlert>.Empty;

    /// <param name="time">The clock of the delivery records and of the retry backoff (fake in specs).</param>
    public NotifierActor(NotifierSettings settings, IAlertSink sink, TimeProvider? time = null)
    {
        _settings = settings;
        _sink = sink;
        _time = time ?? TimeProvider.System;

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is NotifierState snapshot)
            {
                _state = snapshot;
                _lastSnapshotSequenceNr = offer.Metadata.SequenceNr;
            }
        });
        Recover<NotifierEvents.AlertDelivered>(e => _state = _state.Apply(e));
        Recover<NotifierEvents.AlertReceived>(e => _state = _state.Apply(e));
        Recover<NotifierEvents.AlertOwed>(e => _state = _state.Apply(e));
        Recover<NotifierEvents.RecipientMoved>(e => _state = _state.Apply(e));
        Recover<NotifierEvents.AlertLocated>(e => _state = _state.Apply(e));
        Recover<RecoveryCompleted>(_ => StartProjection());

        Command<ProjectionStarted>(_ =>
        {
            _projectionInbox = Sender;
            Sender.Tell(Ack.Instance);
        });
        Command<ProjectedBatch>(OnProjectedBatch);
        Command<NotifierCommands.AlertPushed>(OnPushed);
        Command<DeliverQueued>(_ => { if (_pending is null) DeliverNext(); });
        Command<PartlyDelivered>(OnPartlyDelivered);
        Command<RecipientReceived>(OnRecipientReceived);
        Command<RecipientOwed>(OnRecipientOwed);
        Command<RecipientMovedTo>(moved =>
        {
            if (_state.MovedTo(moved.Recipient) != moved.To)
                Persist(new NotifierEvents.RecipientMoved(moved.Recipient, moved.To, _time.GetUtcNow()), e => _state = _state.Apply(e));
        });
        Command<DeliverySucceeded>(OnDelivered);
        Command<DeliveryFailed>(OnDeliveryFailed);
        Command<RetryDelivery>(_ => { if (_pending is not null) Deliver(); });
        Command<ProjectionEnded>(ended =>
        {
            if (ended.Cause is not null)
                _log.Warning(ended.Cause, "Alert projection failed; restarting from offset {0}", _state.Offset);
            Timers.StartSingleTimer(nameof(RestartProjection), RestartProjection.Instance, _settings.ProjectionRestartDelay);
        });
        Command<RestartProjection>(_ => StartProjection());
        Command<NotifierQueries.GetNotifierStatus>(_ => Sender.Tell(new NotifierQueries.NotifierStatus(
            _state.Offset, _state.DeliveredCount, _pending?.Alerts.Count ?? 0, _pending?.Attempts ?? 0, _state.OwedCounts())));
        // Delivery records are kept: deleting journal rows leaves ordering gaps that the read journal's sequence
        // retrieval waits out (query-delay x max-tries = 10 s) on every start, delaying alert delivery.
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning(f.Cause, "Notifier snapshot failed"));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning(f.Cause, "Deleting old notifier snapshots failed"));
    }

    public override string PersistenceId => Name;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props PropsFor(NotifierSettings settings, IAlertSink sink, TimeProvider? time = null) =>
        Props.Create(() => new NotifierActor(settings, sink, time));

    protected override void PostStop()
    {
        _projection?.Shutdown();
        _stopping.Cancel();
        _stopping.Dispose();
        base.PostStop();
    }

    private void StartProjection()
    {
        _projection?.Shutdown();
        var journal = AlertTagSource.ReadJournal(Context.System, _settings.ReadJournalPluginId);
        _projection = AlertTagSource.After(journal, _state.ResumeAfter)
            .Select(raised => new ProjectedAlert(raised.Ordering, raised.Alert))
            .Batch(_settings.MaxBatch, ImmutableList.Create, (batch, alert) => batch.Add(alert))
            .Select(alerts => new ProjectedBatch(alerts))
            .ViaMaterialized(KillSwitches.Single<ProjectedBatch>(), Keep.Right)
            .To(Sink.ActorRefWithAck<ProjectedBatch>(
                Self, ProjectionStarted.Instance, Ack.Instance, new ProjectionEnded(null), ex => new ProjectionEnded(ex)))
            .Run(Context.Materializer());
        _log.Info("Alert projection started after offset {0} ({1} alerts delivered so far, {2} owed to a recipient) into sink {3}",
            _state.ResumeAfter, _state.DeliveredCount, _state.OwedCounts().Values.Sum(), _sink.Name);
    }

    private void OnProjectedBatch(ProjectedBatch batch)
    {
        _projectionInbox = Sender;
        // Delivered after the batch in flight (a push, or a restarted projection's re-read), then acked.
        _queued = batch.Alerts;
        if (_pending is null)
            DeliverNext();
    }

    private void OnPushed(NotifierCommands.AlertPushed pushed)
    {
        // Held pushes stay fewer than the ids the state remembers, so none can outlive the record that it went out; past
        // that (a sink down for long) a push is dropped and the tag query, which reads every alert, brings it in turn.
        if (_state.WasDelivered(pushed.Alert.AlertId) || _pushed.Count >= NotifierState.RememberedIds / 2)
            return;
        _pushed = _pushed.Add(new ProjectedAlert(NotifierState.Unlocated, pushed.Alert));
        if (_pending is null)
            DeliverNext();
    }

    /// <summary>
    /// With nothing in flight: the projection's batch first (acked once delivered), then the pushed alerts (up to
    /// MaxBatch); each filtered by the state as it is now, so an alert pushed and read, or pushed twice, goes once.
    /// </summary>
    private void DeliverNext()
    {
        if (_queued is { } projected)
        {
            _queued = null;
            var now = _time.GetUtcNow();
            PersistAll(_state.Located(projected.Select(a => (a.Alert.AlertId, a.Ordering)), now), e => _state = _state.Apply(e));
            // New alerts, and those re-read from before the offset because a recipient is still owed them.
            var fresh = projected.Where(a => _state.ShouldDeliver(a.Alert.AlertId, a.Ordering)).ToImmutableList();
            if (!fresh.IsEmpty)
            {
                _pending = new Pending(fresh, 0, FromProjection: true);
                Deliver();
                return;
            }
            _projectionInbox.Tell(Ack.Instance);
        }
        var pushed = _pushed.Where(a => _state.ShouldDeliverPushed(a.Alert.AlertId)).DistinctBy(a => a.Alert.AlertId).ToImmutableList();
        _pushed = pushed.Skip(_settings.MaxBatch).ToImmutableList();
        if (!pushed.IsEmpty)
        {
            _pending = new Pending(pushed.Take(_settings.MaxBatch).ToImmutableList(), 0, FromProjection: false);
            Deliver();
        }
    }

    private void Deliver()
    {
        var pending = _pending! with { Attempts = _pending!.Attempts + 1 };
        _pending = pending;
        var state = _state;
        var remaining = pending.Alerts.Where(a => state.ShouldDeliver(a.Alert.AlertId, a.Ordering)).Select(a => a.Alert).ToList();
        if (remaining.Count == 0)
        {
            Self.Tell(new DeliverySucceeded(pending.Alerts));
            return;
        }
        var self = Self;
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(_settings.DeliveryTimeout);
        var orderings = pending.Alerts.DistinctBy(a => a.Alert.AlertId).ToImmutableDictionary(a => a.Alert.AlertId, a => a.Ordering);
        var progress = new AlertProgress(
            ids =>
            {
                var recorded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                self.Tell(new PartlyDelivered(pending.Alerts, ids, recorded));
                return recorded.Task;
            },
            (recipient, ids) => self.Tell(new RecipientReceived(recipient, ids)),
            (recipient, ids) => self.Tell(new RecipientOwed(recipient, orderings, ids)),
            (recipient, id) => !orderings.TryGetValue(id, out var ordering) || state.Needs(recipient, id, ordering),
            (recipient, to) => self.Tell(new RecipientMovedTo(recipient, to)),
            state.MovedTo);
        _sink.DeliverAsync(remaining, progress, timeout.Token)
            .ContinueWith(
                t =>
                {
                    timeout.Dispose();
                    return t.IsCompletedSuccessfully
                        ? (object)new DeliverySucceeded(pending.Alerts)
                        : new DeliveryFailed(pending.Alerts, t.Exception?.GetBaseException());
                },
                TaskScheduler.Default)
            .PipeTo(Self);
    }

    private void OnPartlyDelivered(PartlyDelivered delivered)
    {
        if (_pending?.Alerts != delivered.Alerts)
        {
            delivered.Recorded.TrySetResult(); // a batch already settled: its records are in
            return;
        }
        var ids = delivered.AlertIds.ToHashSet();
        Record(delivered.Alerts.Where(a => ids.Contains(a.Alert.AlertId)));
        DeferAsync(delivered, d => d.Recorded.TrySetResult()); // after the records above are persisted
    }

    /// <summary>A recipient's progress is recorded whether or not its batch is still in flight (held alerts go out later).</summary>
    private void OnRecipientReceived(RecipientReceived received)
    {
        var now = _time.GetUtcNow();
        var known = _state.RecipientProgress.GetValueOrDefault(received.Recipient);
        PersistAll(
            received.AlertIds.Distinct().Where(id => known is null || !known.Received.Contains(id))
                .Select(id => new NotifierEvents.AlertReceived(id, received.Recipient, now))
                .ToList(),
            e => _state = _state.Apply(e));
    }

    private void OnRecipientOwed(RecipientOwed owed)
    {
        var now = _time.GetUtcNow();
        var known = _state.RecipientProgress.GetValueOrDefault(owed.Recipient);
        PersistAll(
            owed.AlertIds.Distinct()
                .Where(id => owed.Orderings.ContainsKey(id) && (known is null || !(known.Owed.ContainsKey(id) || known.Received.Contains(id))))
                .Select(id => new NotifierEvents.AlertOwed(id, owed.Orderings[id], owed.Recipient, now))
                .ToList(),
            e => _state = _state.Apply(e));
    }

    /// <summary>Persists a delivery record for each alert not recorded yet (a sink may have reported some already).</summary>
    private void Record(IEnumerable<ProjectedAlert> alerts)
    {
        var now = _time.GetUtcNow();
        PersistAll(
            alerts.Where(a => !_state.IsSettled(a.Alert.AlertId, a.Ordering))
                .Select(a => new NotifierEvents.AlertDelivered(a.Alert.AlertId, a.Ordering, now))
                .ToList(),
            e => _state = _state.Apply(e));
    }

    private void OnDelivered(DeliverySucceeded delivered)
    {
        if (_pending?.Alerts != delivered.Alerts)
            return;
        Record(delivered.Alerts);
        DeferAsync(delivered, _ =>
        {
            var done = _pending;
            _pending = null;
            // A push the tag query delivered first is settled now, while its id is surely among those remembered.
            _pushed = _pushed.RemoveAll(p => _state.WasDelivered(p.Alert.AlertId));
            if (LastSequenceNr - _lastSnapshotSequenceNr >= _settings.SnapshotEvery)
            {
                _lastSnapshotSequenceNr = LastSequenceNr;
                SaveSnapshot(_state);
            }
            if (done?.FromProjection == true)
                _projectionInbox.Tell(Ack.Instance);
            // Not from here: DeliverNext may persist, and a persist from a deferred handler is never flushed to the
            // journal (the actor would stash every command from then on, waiting for it).
            Self.Tell(DeliverQueued.Instance);
        });
    }

    private void OnDeliveryFailed(DeliveryFailed failed)
    {
        if (_pending?.Alerts != failed.Alerts || _stopping.IsCancellationRequested)
            return;
        var attempts = _pending.Attempts;
        var backoff = _settings.RetryBackoff;
        _log.Warning("Delivering {0} alert(s) from {1} to {2} failed (attempt {3}): {4}; retrying in {5}",
            failed.Alerts.Count, failed.Alerts[0].Alert.AlertId, _sink.Name, attempts, failed.Cause?.Message ?? "cancelled",
            backoff.DelayFor(attempts));
        var self = Self;
        backoff.WaitAsync(attempts, _time, _stopping.Token).ContinueWith(
            t => { if (t.IsCompletedSuccessfully) self.Tell(RetryDelivery.Instance); }, TaskScheduler.Default);
    }

    /// <param name="FromProjection">The batch came from the tag query, which is acked once it is delivered.</param>
    private sealed record Pending(ImmutableList<ProjectedAlert> Alerts, int Attempts, bool FromProjection);

    /// <param name="Ordering">The journal ordering, or <see cref="NotifierState.Unlocated"/> for a pushed alert.</param>
    private sealed record ProjectedAlert(long Ordering, Alert Alert);

    private sealed record ProjectedBatch(ImmutableList<ProjectedAlert> Alerts);

    private sealed record PartlyDelivered(ImmutableList<ProjectedAlert> Alerts, IReadOnlyList<string> AlertIds, TaskCompletionSource Recorded);

    private sealed record RecipientMovedTo(string Recipient, string To);

    private sealed record RecipientReceived(string Recipient, IReadOnlyList<string> AlertIds);

    /// <summary>Alerts a recipient is owed; <see cref="Orderings"/> are those of the batch they came with.</summary>
    private sealed record RecipientOwed(string Recipient, ImmutableDictionary<string, long> Orderings, IReadOnlyList<string> AlertIds);

    private sealed record DeliverySucceeded(ImmutableList<ProjectedAlert> Alerts);

    private sealed record DeliveryFailed(ImmutableList<ProjectedAlert> Alerts, Exception? Cause);

    private sealed record ProjectionEnded(Exception? Cause);

    private sealed class ProjectionStarted
    {
        public static readonly ProjectionStarted Instance = new();
    }

    private sealed class Ack
    {
        public static readonly Ack Instance = new();
    }

    private sealed class DeliverQueued
    {
        public static readonly DeliverQueued Instance = new();
    }

    private sealed class RetryDelivery
    {
        public static readonly RetryDelivery Instance = new();
    }

    private sealed class RestartProjection
    {
        public static readonly RestartProjection Instance = new();
    }
}
