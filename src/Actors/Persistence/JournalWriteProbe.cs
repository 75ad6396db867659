using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using YouTubeAnalytics.Actors.Serialization;

namespace YouTubeAnalytics.Actors.Persistence;

public static class JournalProbeMessages
{
    /// <summary>The one event of the probe's journal: a write that the journal accepted.</summary>
    public sealed record ProbeWritten(DateTimeOffset At) : IProtocolMessage;

    /// <summary>Asks whether the journal accepts writes (answered from a write at most <c>CacheFor</c> old).</summary>
    public sealed record CheckWrites
    {
        public static readonly CheckWrites Instance = new();
    }

    public sealed record WriteCheckResult(bool Accepted, DateTimeOffset At);
}

/// <summary>
/// Readiness's view of the journal: a persistent actor (persistence id "journal-probe-{node}") that writes one small
/// event through the same journal every other actor writes to, so it fails exactly when their writes fail (disk full,
/// a read-only database, INSERT revoked), which a <c>SELECT 1</c> does not see. A result is reused for
/// <see cref="CacheFor"/>, so frequent readiness polls cost one write every few seconds; each successful write deletes
/// the previous one, so the probe keeps a single row. A failed write stops it (as any persistent actor); it runs under
/// <see cref="PersistenceSupervision"/> and is started again, and each start writes once by itself: during an outage
/// the probe keeps trying every few seconds (the supervisor's backoff, at most 10 s) whether or not readiness is polled,
/// and the first accepted write after a refused one fires <see cref="JournalWriteSignal"/>, on which the ingest resumes.
/// </summary>
public sealed class JournalWriteProbe : ReceivePersistentActor, IWithTimers
{
    public const string Name = "journal-probe";
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long after its start the probe writes by itself. Longer than the supervisor's reset interval
    /// (<see cref="PersistenceSupervision.MinBackoff"/>), so a probe that fails this write is started again after the
    /// shortest backoff: during an outage it tries about every 2.5 s, and sees the journal's return within that.
    /// </summary>
    public static readonly TimeSpan SelfCheckAfter = TimeSpan.FromSeconds(1.5);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<IActorRef> _waiting = [];
    private readonly JournalWriteSignal _signal = JournalWriteSignal.For(Context.System);
    private readonly TimeProvider _clock;
    private JournalProbeMessages.WriteCheckResult? _last;
    private bool _writing;

    public JournalWriteProbe(string persistenceId, TimeProvider clock)
    {
        PersistenceId = persistenceId;
        _clock = clock;
        Recover<JournalProbeMessages.ProbeWritten>(_ => { });
        // A start (also a restart after a refused write) checks by itself soon: no readiness poll is needed to see
        // the journal come back.
        Recover<RecoveryCompleted>(_ => Timers.StartSingleTimer(nameof(SelfCheck), SelfCheck.Instance, SelfCheckAfter));
        Command<SelfCheck>(_ => Write());
        Command<JournalProbeMessages.CheckWrites>(_ =>
        {
            if (_last is { } last && clock.GetUtcNow() - last.At < CacheFor)
            {
                Sender.Tell(last);
                return;
            }
            _waiting.Add(Sender);
            Write();
        });
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(f => _log.Warning("The journal probe could not delete its previous row: {0}", f.Cause.GetType().Name));
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    private sealed record SelfCheck
    {
        public static readonly SelfCheck Instance = new();
    }

    public static Props PropsFor(string persistenceId, TimeProvider clock) =>
        Props.Create(() => new JournalWriteProbe(persistenceId, clock));

    /// <summary>The probe of one node: a node key keeps nodes of a cluster from writing the same persistence id.</summary>
    public static string PersistenceIdFor(string nodeKey) => $"{Name}-{nodeKey}";

    private void Write()
    {
        if (_writing)
            return; // the write in flight answers every waiter
        _writing = true;
        Persist(new JournalProbeMessages.ProbeWritten(_clock.GetUtcNow()), written =>
        {
            _writing = false;
            _signal.Accepted();
            Answer(new JournalProbeMessages.WriteCheckResult(true, written.At));
            if (LastSequenceNr > 1)
                DeleteMessages(LastSequenceNr - 1);
        });
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _signal.Refused();
        Answer(new JournalProbeMessages.WriteCheckResult(false, _clock.GetUtcNow()));
        base.OnPersistFailure(cause, @event, sequenceNr); // logs, then stops: the supervisor starts it again
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        _signal.Refused();
        base.OnRecoveryFailure(reason, message);
    }

    private void Answer(JournalProbeMessages.WriteCheckResult result)
    {
        _last = result;
        foreach (var waiter in _waiting)
            waiter.Tell(result);
        _waiting.Clear();
    }
}
