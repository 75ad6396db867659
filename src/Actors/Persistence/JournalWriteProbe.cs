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
/// <see cref="PersistenceSupervision"/> and is started again.
/// </summary>
public sealed class JournalWriteProbe : ReceivePersistentActor
{
    public const string Name = "journal-probe";
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(3);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<IActorRef> _waiting = [];
    private JournalProbeMessages.WriteCheckResult? _last;

    public JournalWriteProbe(string persistenceId, TimeProvider clock)
    {
        PersistenceId = persistenceId;
        Recover<JournalProbeMessages.ProbeWritten>(_ => { });
        Command<JournalProbeMessages.CheckWrites>(_ =>
        {
            var now = clock.GetUtcNow();
            if (_last is { } last && now - last.At < CacheFor)
            {
                Sender.Tell(last);
                return;
            }
            _waiting.Add(Sender);
            Persist(new JournalProbeMessages.ProbeWritten(now), written =>
            {
                Answer(new JournalProbeMessages.WriteCheckResult(true, written.At));
                if (LastSequenceNr > 1)
                    DeleteMessages(LastSequenceNr - 1);
            });
        });
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(f => _log.Warning("The journal probe could not delete its previous row: {0}", f.Cause.GetType().Name));
    }

    public override string PersistenceId { get; }

    public static Props PropsFor(string persistenceId, TimeProvider clock) =>
        Props.Create(() => new JournalWriteProbe(persistenceId, clock));

    /// <summary>The probe of one node: a node key keeps nodes of a cluster from writing the same persistence id.</summary>
    public static string PersistenceIdFor(string nodeKey) => $"{Name}-{nodeKey}";

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        Answer(new JournalProbeMessages.WriteCheckResult(false, DateTimeOffset.UtcNow));
        base.OnPersistFailure(cause, @event, sequenceNr); // logs, then stops: the supervisor starts it again
    }

    private void Answer(JournalProbeMessages.WriteCheckResult result)
    {
        _last = result;
        foreach (var waiter in _waiting)
            waiter.Tell(result);
        _waiting.Clear();
    }
}
