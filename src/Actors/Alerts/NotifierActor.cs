using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Actors.Alerts;

public sealed record NotifierSettings(
    string ReadJournalPluginId,
    int SnapshotEvery,
    TimeSpan DeliveryTimeout,
    TimeSpan RetryMinBackoff,
    TimeSpan RetryMaxBackoff,
    TimeSpan ProjectionRestartDelay)
{
    public const string SqlReadJournalPluginId = "akka.persistence.query.journal.sql";

    public static NotifierSettings Default { get; } = new(
        SqlReadJournalPluginId, 100, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(1),
        TimeSpan.FromSeconds(1));
}

/// <summary>
/// Delivers every alert in the journal exactly once (cluster singleton). It reads events tagged "alert" from its
/// persisted offset, hands one alert at a time to the <see cref="IAlertSink"/>, and persists the delivery before it
/// asks the projection for the next one. A failed delivery is retried with backoff, never skipped. The one alert in
/// flight at a crash may be delivered again after the restart (the sink's call is outside the journal).
/// </summary>
public sealed class NotifierActor : ReceivePersistentActor, IWithTimers
{
    public const string Name = "alert-notifier";

    private readonly NotifierSettings _settings;
    private readonly IAlertSink _sink;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CancellationTokenSource _stopping = new();
    private NotifierState _state = NotifierState.Empty;
    private long _lastSnapshotSequenceNr;
    private UniqueKillSwitch? _projection;
    private IActorRef _projectionInbox = ActorRefs.Nobody;
    private Pending? _pending;

    public NotifierActor(NotifierSettings settings, IAlertSink sink)
    {
        _settings = settings;
        _sink = sink;

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is NotifierState snapshot)
            {
                _state = snapshot;
                _lastSnapshotSequenceNr = offer.Metadata.SequenceNr;
            }
        });
        Recover<NotifierEvents.AlertDelivered>(e => _state = _state.Apply(e));
        Recover<RecoveryCompleted>(_ => StartProjection());

        Command<ProjectionStarted>(_ =>
        {
            _projectionInbox = Sender;
            Sender.Tell(Ack.Instance);
        });
        Command<ProjectedAlert>(OnProjectedAlert);
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
            _state.Offset, _state.DeliveredCount, _pending?.Alert.Alert.AlertId, _pending?.Attempts ?? 0)));
        Command<SaveSnapshotSuccess>(s =>
        {
            // Delivery records are bookkeeping, not history: the snapshot replaces them.
            DeleteMessages(s.Metadata.SequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1));
        });
        Command<SaveSnapshotFailure>(f => _log.Warning(f.Cause, "Notifier snapshot failed"));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(f => _log.Warning(f.Cause, "Deleting delivered-alert records failed"));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning(f.Cause, "Deleting old notifier snapshots failed"));
    }

    public override string PersistenceId => Name;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props PropsFor(NotifierSettings settings, IAlertSink sink) =>
        Props.Create(() => new NotifierActor(settings, sink));

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
        var journal = PersistenceQuery.Get(Context.System).ReadJournalFor<IEventsByTagQuery>(_settings.ReadJournalPluginId);
        _projection = journal
            .EventsByTag(AlertTagger.Tag, Offset.Sequence(_state.Offset))
            .Where(env => env.Event is VideoEvents.AlertRaised && env.Offset is Sequence)
            .Select(env => new ProjectedAlert(((Sequence)env.Offset).Value, ((VideoEvents.AlertRaised)env.Event).Alert))
            .ViaMaterialized(KillSwitches.Single<ProjectedAlert>(), Keep.Right)
            .To(Sink.ActorRefWithAck<ProjectedAlert>(
                Self, ProjectionStarted.Instance, Ack.Instance, new ProjectionEnded(null), ex => new ProjectionEnded(ex)))
            .Run(Context.Materializer());
        _log.Info("Alert projection started after offset {0} ({1} alerts delivered so far) into sink {2}",
            _state.Offset, _state.DeliveredCount, _sink.Name);
    }

    private void OnProjectedAlert(ProjectedAlert projected)
    {
        _projectionInbox = Sender;
        if (_pending is { } pending && pending.Alert.Alert.AlertId == projected.Alert.AlertId)
            return; // a restarted projection re-read the alert being delivered: its ack follows the delivery
        if (projected.Ordering <= _state.Offset || _state.WasDelivered(projected.Alert.AlertId))
        {
            Sender.Tell(Ack.Instance);
            return;
        }
        _pending = new Pending(projected, 0);
        Deliver();
    }

    private void Deliver()
    {
        var pending = _pending! with { Attempts = _pending!.Attempts + 1 };
        _pending = pending;
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(_settings.DeliveryTimeout);
        _sink.DeliverAsync(pending.Alert.Alert, timeout.Token)
            .ContinueWith(
                t =>
                {
                    timeout.Dispose();
                    return t.IsCompletedSuccessfully
                        ? (object)new DeliverySucceeded(pending.Alert)
                        : new DeliveryFailed(pending.Alert, t.Exception?.GetBaseException());
                },
                TaskScheduler.Default)
            .PipeTo(Self);
    }

    private void OnDelivered(DeliverySucceeded delivered)
    {
        if (_pending?.Alert != delivered.Alert)
            return;
        var alert = delivered.Alert;
        Persist(new NotifierEvents.AlertDelivered(alert.Alert.AlertId, alert.Ordering, DateTimeOffset.UtcNow), e =>
        {
            _state = _state.Apply(e);
            _pending = null;
            _projectionInbox.Tell(Ack.Instance);
            if (LastSequenceNr - _lastSnapshotSequenceNr >= _settings.SnapshotEvery)
            {
                _lastSnapshotSequenceNr = LastSequenceNr;
                SaveSnapshot(_state);
            }
        });
    }

    private void OnDeliveryFailed(DeliveryFailed failed)
    {
        if (_pending?.Alert != failed.Alert || _stopping.IsCancellationRequested)
            return;
        var attempts = _pending.Attempts;
        var backoff = TimeSpan.FromTicks(Math.Min(
            _settings.RetryMaxBackoff.Ticks, _settings.RetryMinBackoff.Ticks * (1L << Math.Min(attempts - 1, 20))));
        _log.Warning("Delivering alert {0} to {1} failed (attempt {2}): {3}; retrying in {4}",
            failed.Alert.Alert.AlertId, _sink.Name, attempts, failed.Cause?.Message ?? "cancelled", backoff);
        Timers.StartSingleTimer(nameof(RetryDelivery), RetryDelivery.Instance, backoff);
    }

    private sealed record Pending(ProjectedAlert Alert, int Attempts);

    private sealed record ProjectedAlert(long Ordering, Alert Alert);

    private sealed record DeliverySucceeded(ProjectedAlert Alert);

    private sealed record DeliveryFailed(ProjectedAlert Alert, Exception? Cause);

    private sealed record ProjectionEnded(Exception? Cause);

    private sealed class ProjectionStarted
    {
        public static readonly ProjectionStarted Instance = new();
    }

    private sealed class Ack
    {
        public static readonly Ack Instance = new();
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
