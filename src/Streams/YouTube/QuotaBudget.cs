using YouTubeAnalytics.Actors.Quota;

namespace YouTubeAnalytics.Streams.YouTube;

/// <summary>The daily limit of each bucket: YouTube:DailyQuota for the Data API's, YouTube:BatchGetStatsQuota for videos:batchGetStats.</summary>
public sealed record QuotaLimits(int DataApi, int BatchGetStats)
{
    public static QuotaLimits Default { get; } = new(10_000, 10_000);

    public int Of(string bucket) => bucket == QuotaBuckets.BatchGetStats ? BatchGetStats : DataApi;

    /// <summary>The setting that holds the bucket's limit, for the messages that name it.</summary>
    public static string SettingOf(string bucket) => bucket == QuotaBuckets.BatchGetStats ? "YouTube:BatchGetStatsQuota" : "YouTube:DailyQuota";
}

/// <summary>
/// This node's door to the Google project's quota: every call reserves its units from the <see cref="IQuotaKeeper"/>
/// (the one owner, <see cref="QuotaActor"/>, in the host) before it is sent, in its bucket and for its purpose; a
/// quotaExceeded from YouTube blocks that bucket, and only it, until the next Pacific midnight. The synchronous figures
/// (<see cref="Spent"/>, <see cref="RemainingOf"/>, <see cref="BlockedUntilOf"/>) are those of the keeper's last answer,
/// refreshed by every reservation and by <see cref="ReadAsync"/>. Thread-safe.
/// </summary>
public sealed class QuotaBudget
{
    private readonly IQuotaKeeper _keeper;
    private readonly TimeProvider _clock;
    private QuotaLedger _last;

    public QuotaBudget(IQuotaKeeper keeper, QuotaLimits limits, TimeProvider clock)
    {
        _keeper = keeper;
        _clock = clock;
        Limits = limits;
        _last = QuotaLedger.Today(clock.GetUtcNow());
    }

    /// <summary>A budget over a ledger of its own, for one process (specs, the benchmark).</summary>
    public static QuotaBudget Local(TimeProvider clock, int dailyQuota = 10_000, int batchGetStatsQuota = 10_000) =>
        new(new LocalQuotaKeeper(clock), new QuotaLimits(dailyQuota, batchGetStatsQuota), clock);

    public QuotaLimits Limits { get; }

    /// <summary>The Data API bucket's limit (YouTube:DailyQuota).</summary>
    public int Limit => Limits.DataApi;

    /// <summary>The day's ledger as last seen (rolled to now: a new Pacific day shows zero).</summary>
    public QuotaLedger Ledger => Volatile.Read(ref _last).At(_clock.GetUtcNow());

    /// <summary>Units spent today from the Data API bucket.</summary>
    public int Spent => SpentOf(QuotaBuckets.DataApi);

    public int Remaining => RemainingOf(QuotaBuckets.DataApi);

    public DateTimeOffset? BlockedUntil => BlockedUntilOf(QuotaBuckets.DataApi);

    public int SpentOf(string bucket) => Ledger.Bucket(bucket).Spent;

    public int RemainingOf(string bucket) =>
        Ledger.Bucket(bucket) is { BlockedUntil: null } b ? Math.Max(0, Limits.Of(bucket) - b.Spent) : 0;

    /// <summary>When calls from the bucket may start again after YouTube said it is gone; null when they may be made now.</summary>
    public DateTimeOffset? BlockedUntilOf(string bucket) => Ledger.Bucket(bucket).BlockedUntil;

    public TimeSpan UntilReset => QuotaLedger.NextPacificMidnight(_clock.GetUtcNow()) - _clock.GetUtcNow();

    /// <summary>Takes <paramref name="units"/> from today's <paramref name="bucket"/>; false (nothing taken) when blocked or not enough is left.</summary>
    public async Task<bool> TryReserveAsync(string bucket, string purpose, int units, CancellationToken cancellationToken)
    {
        var reply = await _keeper.ReserveAsync(new QuotaCommands.Reserve(bucket, purpose, units, Limits.Of(bucket)), cancellationToken);
        Remember(reply.Ledger);
        return reply.Granted;
    }

    /// <summary>YouTube said quotaExceeded for <paramref name="bucket"/>: nothing more from it today, whatever our count says.</summary>
    public async Task<DateTimeOffset> ExhaustAsync(string bucket, CancellationToken cancellationToken)
    {
        var ledger = await _keeper.ExhaustAsync(bucket, cancellationToken);
        Remember(ledger);
        return ledger.Bucket(bucket).BlockedUntil ?? QuotaLedger.NextPacificMidnight(_clock.GetUtcNow());
    }

    /// <summary>The owner's ledger now (spends of every node), remembered for the synchronous figures.</summary>
    public async Task<QuotaLedger> ReadAsync(CancellationToken cancellationToken)
    {
        var ledger = await _keeper.ReadAsync(cancellationToken);
        Remember(ledger);
        return ledger.At(_clock.GetUtcNow());
    }

    private void Remember(QuotaLedger ledger) => Volatile.Write(ref _last, ledger);
}
