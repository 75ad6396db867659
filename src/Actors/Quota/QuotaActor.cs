using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace YouTubeAnalytics.Actors.Quota;

/// <summary>
/// The one owner of the Google project's quota (cluster singleton, persistence id "quota"): every node reserves its
/// units here before a call, so every node's /pipeline/status shows the same count, and the journal keeps it across a
/// restart, a container rebuild or a singleton moving to another node. A reservation is answered after it is journaled.
/// A snapshot every <see cref="SnapshotEvery"/> events replaces the events it covers (only the day's totals matter).
/// </summary>
public sealed class QuotaActor : ReceivePersistentActor
{
    public const string Name = "quota";
    public const int SnapshotEvery = 500;

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly TimeProvider _clock;
    private QuotaLedger _ledger;

    public QuotaActor(TimeProvider clock)
    {
        _clock = clock;
        _ledger = QuotaLedger.Today(clock.GetUtcNow());
        Recover<SnapshotOffer>(o =>
        {
            if (o.Snapshot is QuotaLedger ledger)
                _ledger = ledger;
        });
        Recover<IQuotaEvent>(e => _ledger = _ledger.Apply(e));

        Command<QuotaCommands.Reserve>(c =>
        {
            var ledger = Now();
            var events = ledger.Reserve(c.Bucket, c.Purpose, c.Units, c.Limit);
            PersistThenReply(events, () => new QuotaCommands.Reservation(events.Count > 0, _ledger));
        });
        Command<QuotaCommands.Exhaust>(c =>
        {
            var events = Now().Exhaust(c.Bucket, _clock.GetUtcNow());
            if (events.Count > 0)
                _log.Warning("YouTube quota bucket {0} is gone until {1:u}", c.Bucket, ((QuotaEvents.BucketExhausted)events[0]).Until);
            PersistThenReply(events, () => _ledger);
        });
        Command<QuotaQueries.GetQuota>(_ => Sender.Tell(Now()));
        Command<SaveSnapshotSuccess>(s =>
        {
            DeleteMessages(s.Metadata.SequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1));
        });
        Command<SaveSnapshotFailure>(f => _log.Warning(f.Cause, "Snapshot of the quota failed; its events stay"));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(f => _log.Warning(f.Cause, "Deleting the quota's old events failed"));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning(f.Cause, "Deleting the quota's old snapshots failed"));
    }

    public override string PersistenceId => Name;

    public static Props PropsFor(TimeProvider clock) => Props.Create(() => new QuotaActor(clock));

    /// <summary>The ledger at the clock's now (a new Pacific day starts from zero; a block past its time is lifted).</summary>
    private QuotaLedger Now() => _ledger = _ledger.At(_clock.GetUtcNow());

    private void PersistThenReply(IReadOnlyList<IQuotaEvent> events, Func<object> reply)
    {
        var sender = Sender;
        if (events.Count == 0)
        {
            sender.Tell(reply());
            return;
        }
        PersistAll(events, e =>
        {
            _ledger = _ledger.Apply(e);
            if (LastSequenceNr % SnapshotEvery == 0)
                SaveSnapshot(_ledger);
        });
        DeferAsync(events, _ => sender.Tell(reply()));
    }
}
