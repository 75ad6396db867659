using YouTubeAnalytics.Actors.Serialization;

namespace YouTubeAnalytics.Actors.Quota;

/// <summary>
/// The quota buckets of one Google project. Each has its own daily limit and its own quotaExceeded: the Data API's
/// default bucket (every method but one), and the bucket the revision history of 2026-06-03 gives videos:batchGetStats.
/// </summary>
public static class QuotaBuckets
{
    public const string DataApi = "data-api";
    public const string BatchGetStats = "batch-get-stats";
}

/// <summary>What a unit was spent for: the label of the units-by-purpose counts (/pipeline/status, /metrics).</summary>
public static class QuotaPurposes
{
    /// <summary>videos.list or videos:batchGetStats refreshing the statistics of watched videos.</summary>
    public const string VideoRefresh = "video-refresh";

    /// <summary>videos.list calls that carry only broadcasts upcoming or on air (YouTube:LiveInterval).</summary>
    public const string Live = "live";

    /// <summary>playlistItems.list and channels.list contentDetails: reading watched playlists and channel uploads.</summary>
    public const string Expansion = "expansion";

    /// <summary>channels.list statistics of watched channels (YouTube:ChannelInterval).</summary>
    public const string ChannelStats = "channel-stats";

    /// <summary>The one call that checks a playlist or channel a user asks to watch.</summary>
    public const string TargetCheck = "target-check";
}

/// <summary>One bucket's day: units spent by purpose, and until when YouTube said it is gone (null: not blocked).</summary>
public sealed record QuotaBucket(IReadOnlyDictionary<string, int> ByPurpose, DateTimeOffset? BlockedUntil)
{
    public static readonly QuotaBucket Unused = new(new Dictionary<string, int>(), null);

    public int Spent => ByPurpose.Values.Sum();
}

/// <summary>An event in the quota's journal (persistence id "quota").</summary>
public interface IQuotaEvent : IProtocolMessage
{
    DateOnly Day { get; }
}

public static class QuotaEvents
{
    /// <summary>Units reserved before a call was sent (a failed call costs too, as at YouTube).</summary>
    public sealed record UnitsSpent(DateOnly Day, string Bucket, string Purpose, int Units) : IQuotaEvent;

    /// <summary>YouTube said quotaExceeded, or our own count reached the limit: nothing more from the bucket until <paramref name="Until"/>.</summary>
    public sealed record BucketExhausted(DateOnly Day, string Bucket, DateTimeOffset Until) : IQuotaEvent;
}

/// <summary>
/// The quota of one Google project for one Pacific day (America/Los_Angeles, midnight to midnight, daylight saving
/// included), bucket by bucket and purpose by purpose. Pure: <see cref="Reserve"/> and <see cref="Exhaust"/> decide the
/// events, <see cref="Apply"/> folds one in; <see cref="At"/> rolls the day and lifts a block whose time has come.
/// </summary>
public sealed record QuotaLedger(DateOnly Day, IReadOnlyDictionary<string, QuotaBucket> Buckets) : IProtocolMessage
{
    public static TimeZoneInfo Pacific { get; } = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    public static QuotaLedger Empty(DateOnly day) => new(day, new Dictionary<string, QuotaBucket>());

    public static QuotaLedger Today(DateTimeOffset now) => Empty(PacificDay(now));

    public QuotaBucket Bucket(string name) => Buckets.GetValueOrDefault(name, QuotaBucket.Unused);

    /// <summary>The ledger as it stands at <paramref name="now"/>: a new Pacific day starts from zero, a block past its time is lifted.</summary>
    public QuotaLedger At(DateTimeOffset now)
    {
        var today = PacificDay(now);
        if (today > Day)
            return Empty(today);
        if (!Buckets.Values.Any(b => b.BlockedUntil is { } until && now >= until))
            return this;
        return this with
        {
            Buckets = Buckets.ToDictionary(b => b.Key, b => b.Value.BlockedUntil is { } until && now >= until ? b.Value with { BlockedUntil = null } : b.Value),
        };
    }

    /// <summary>
    /// <paramref name="units"/> from <paramref name="bucket"/> for <paramref name="purpose"/>: one event when granted; none
    /// when the bucket is blocked or <paramref name="limit"/> would be passed. Call on the ledger <see cref="At"/> now.
    /// </summary>
    public IReadOnlyList<IQuotaEvent> Reserve(string bucket, string purpose, int units, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        var b = Bucket(bucket);
        return b.BlockedUntil is not null || b.Spent + units > limit ? [] : [new QuotaEvents.UnitsSpent(Day, bucket, purpose, units)];
    }

    /// <summary>The bucket is gone until the next Pacific midnight (whatever our own count says).</summary>
    public IReadOnlyList<IQuotaEvent> Exhaust(string bucket, DateTimeOffset now) =>
        Bucket(bucket).BlockedUntil is not null ? [] : [new QuotaEvents.BucketExhausted(Day, bucket, NextPacificMidnight(now))];

    public QuotaLedger Apply(IQuotaEvent e)
    {
        if (e.Day < Day)
            return this; // an event of a day already over changes nothing today
        var ledger = e.Day > Day ? Empty(e.Day) : this;
        return e switch
        {
            QuotaEvents.UnitsSpent s => ledger.With(s.Bucket, b => b with
            {
                ByPurpose = new Dictionary<string, int>(b.ByPurpose) { [s.Purpose] = b.ByPurpose.GetValueOrDefault(s.Purpose) + s.Units },
            }),
            QuotaEvents.BucketExhausted x => ledger.With(x.Bucket, b => b with { BlockedUntil = x.Until }),
            _ => ledger,
        };
    }

    public static DateOnly PacificDay(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Pacific).DateTime);

    public static DateTimeOffset NextPacificMidnight(DateTimeOffset instant)
    {
        var midnight = TimeZoneInfo.ConvertTime(instant, Pacific).Date.AddDays(1);
        return new DateTimeOffset(midnight, Pacific.GetUtcOffset(midnight)).ToUniversalTime();
    }

    private QuotaLedger With(string bucket, Func<QuotaBucket, QuotaBucket> change) =>
        this with { Buckets = new Dictionary<string, QuotaBucket>(Buckets) { [bucket] = change(Bucket(bucket)) } };
}
