using Akka.Actor;
using Akka.Hosting;

namespace YouTubeAnalytics.Actors.Quota;

/// <summary>Where the project's quota is kept and decided: the <see cref="QuotaActor"/> singleton, or one process's own ledger.</summary>
public interface IQuotaKeeper
{
    Task<QuotaCommands.Reservation> ReserveAsync(QuotaCommands.Reserve reserve, CancellationToken cancellationToken);

    Task<QuotaLedger> ExhaustAsync(string bucket, CancellationToken cancellationToken);

    Task<QuotaLedger> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>Asks the <see cref="QuotaActor"/> singleton (through its proxy); a timeout throws, so no call goes out unreserved.</summary>
public sealed class ActorQuotaKeeper(IRequiredActor<QuotaActor> quota, TimeSpan timeout) : IQuotaKeeper
{
    public async Task<QuotaCommands.Reservation> ReserveAsync(QuotaCommands.Reserve reserve, CancellationToken cancellationToken) =>
        await (await quota.GetAsync(cancellationToken)).Ask<QuotaCommands.Reservation>(reserve, timeout, cancellationToken);

    public async Task<QuotaLedger> ExhaustAsync(string bucket, CancellationToken cancellationToken) =>
        await (await quota.GetAsync(cancellationToken)).Ask<QuotaLedger>(new QuotaCommands.Exhaust(bucket), timeout, cancellationToken);

    public async Task<QuotaLedger> ReadAsync(CancellationToken cancellationToken) =>
        await (await quota.GetAsync(cancellationToken)).Ask<QuotaLedger>(QuotaQueries.GetQuota.Instance, timeout, cancellationToken);
}

/// <summary>A ledger in this process only (specs, the quota benchmark): the same rules as the actor, nothing journaled.</summary>
public sealed class LocalQuotaKeeper(TimeProvider clock) : IQuotaKeeper
{
    private readonly Lock _gate = new();
    private QuotaLedger _ledger = QuotaLedger.Today(clock.GetUtcNow());

    public Task<QuotaCommands.Reservation> ReserveAsync(QuotaCommands.Reserve reserve, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var events = Now().Reserve(reserve.Bucket, reserve.Purpose, reserve.Units, reserve.Limit);
            Apply(events);
            return Task.FromResult(new QuotaCommands.Reservation(events.Count > 0, _ledger));
        }
    }

    public Task<QuotaLedger> ExhaustAsync(string bucket, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Apply(Now().Exhaust(bucket, clock.GetUtcNow()));
            return Task.FromResult(_ledger);
        }
    }

    public Task<QuotaLedger> ReadAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(Now());
    }

    private QuotaLedger Now() => _ledger = _ledger.At(clock.GetUtcNow());

    private void Apply(IReadOnlyList<IQuotaEvent> events)
    {
        foreach (var e in events)
            _ledger = _ledger.Apply(e);
    }
}
