using YouTubeAnalytics.Actors.Quota;

namespace YouTubeAnalytics.Actors.Tests.Quota;

public sealed class QuotaLedgerSpecs
{
    // 10:00 UTC on 30 November 2026 is 02:00 PST: the Pacific day is the 30th, it ends at 08:00 UTC on 1 December.
    private static readonly DateTimeOffset Morning = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NextMidnight = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static QuotaLedger Spend(QuotaLedger ledger, string bucket, string purpose, int units, int limit = 10_000) =>
        ledger.Reserve(bucket, purpose, units, limit).Aggregate(ledger, (l, e) => l.Apply(e));

    [Fact]
    public void Should_count_units_by_bucket_and_purpose()
    {
        var ledger = QuotaLedger.Today(Morning);
        ledger = Spend(ledger, QuotaBuckets.DataApi, QuotaPurposes.VideoRefresh, 1);
        ledger = Spend(ledger, QuotaBuckets.DataApi, QuotaPurposes.VideoRefresh, 1);
        ledger = Spend(ledger, QuotaBuckets.DataApi, QuotaPurposes.Expansion, 1);
        ledger = Spend(ledger, QuotaBuckets.DataApi, QuotaPurposes.ChannelStats, 1);
        ledger = Spend(ledger, QuotaBuckets.BatchGetStats, QuotaPurposes.VideoRefresh, 1);

        Assert.Equal(4, ledger.Bucket(QuotaBuckets.DataApi).Spent);
        Assert.Equal(2, ledger.Bucket(QuotaBuckets.DataApi).ByPurpose[QuotaPurposes.VideoRefresh]);
        Assert.Equal(1, ledger.Bucket(QuotaBuckets.DataApi).ByPurpose[QuotaPurposes.Expansion]);
        Assert.Equal(1, ledger.Bucket(QuotaBuckets.BatchGetStats).Spent);
        Assert.Equal(0, QuotaLedger.Today(Morning).Bucket(QuotaBuckets.BatchGetStats).Spent);
    }

    [Fact]
    public void Should_stop_each_bucket_at_its_own_limit()
    {
        var ledger = QuotaLedger.Today(Morning);
        ledger = Spend(ledger, QuotaBuckets.BatchGetStats, QuotaPurposes.VideoRefresh, 2, limit: 2);

        Assert.Empty(ledger.Reserve(QuotaBuckets.BatchGetStats, QuotaPurposes.VideoRefresh, 1, limit: 2));
        Assert.Single(ledger.Reserve(QuotaBuckets.DataApi, QuotaPurposes.VideoRefresh, 1, limit: 2));
    }

    [Fact]
    public void Should_block_only_the_exhausted_bucket_until_the_next_Pacific_midnight()
    {
        var ledger = QuotaLedger.Today(Morning);
        ledger = ledger.Exhaust(QuotaBuckets.DataApi, Morning).Aggregate(ledger, (l, e) => l.Apply(e));

        Assert.Equal(NextMidnight, ledger.Bucket(QuotaBuckets.DataApi).BlockedUntil);
        Assert.Empty(ledger.Reserve(QuotaBuckets.DataApi, QuotaPurposes.VideoRefresh, 1, 10_000));
        Assert.Single(ledger.Reserve(QuotaBuckets.BatchGetStats, QuotaPurposes.VideoRefresh, 1, 10_000));
        Assert.Empty(ledger.Exhaust(QuotaBuckets.DataApi, Morning)); // said once

        var tomorrow = ledger.At(NextMidnight);
        Assert.Null(tomorrow.Bucket(QuotaBuckets.DataApi).BlockedUntil);
        Assert.Single(tomorrow.Reserve(QuotaBuckets.DataApi, QuotaPurposes.VideoRefresh, 1, 10_000));
    }

    [Fact]
    public void Should_start_a_new_Pacific_day_from_zero_and_ignore_a_late_event_of_the_day_before()
    {
        var ledger = Spend(QuotaLedger.Today(Morning), QuotaBuckets.DataApi, QuotaPurposes.Live, 7);

        Assert.Equal(7, ledger.At(NextMidnight.AddSeconds(-1)).Bucket(QuotaBuckets.DataApi).Spent);
        var tomorrow = ledger.At(NextMidnight);
        Assert.Equal(new DateOnly(2026, 12, 1), tomorrow.Day);
        Assert.Equal(0, tomorrow.Bucket(QuotaBuckets.DataApi).Spent);
        Assert.Same(tomorrow, tomorrow.Apply(new QuotaEvents.UnitsSpent(new DateOnly(2026, 11, 30), QuotaBuckets.DataApi, QuotaPurposes.Live, 1)));
    }
}
