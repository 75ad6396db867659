using Akka.Actor;
using Microsoft.Extensions.Time.Testing;
using YouTubeAnalytics.Actors.Persistence;
using YouTubeAnalytics.Actors.Quota;
using YouTubeAnalytics.Actors.Tests.Support;

namespace YouTubeAnalytics.Actors.Tests.Quota;

/// <summary>
/// The project's quota owner on a real SQLite journal: the count every node reads, kept across a restart (a container
/// rebuild keeps the journal database), a snapshot included, and reset at Pacific midnight.
/// </summary>
public sealed class QuotaActorSpecs(ITestOutputHelper output) : JournalSpec(JournalProvider.Sqlite, output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Morning = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private readonly FakeTimeProvider _clock = new(Morning);

    private IActorRef Start() => Sys.ActorOf(QuotaActor.PropsFor(_clock));

    private static async Task<bool> Reserve(IActorRef quota, string bucket, string purpose, int limit = 10_000) =>
        (await quota.Ask<QuotaCommands.Reservation>(new QuotaCommands.Reserve(bucket, purpose, 1, limit), Timeout, Cancel)).Granted;

    private static Task<QuotaLedger> Read(IActorRef quota) => quota.Ask<QuotaLedger>(QuotaQueries.GetQuota.Instance, Timeout, Cancel);

    [Fact]
    public async Task Should_keep_the_days_count_by_bucket_and_purpose_and_a_block_across_a_restart()
    {
        var first = Start();
        Assert.True(await Reserve(first, QuotaBuckets.DataApi, QuotaPurposes.VideoRefresh));
        Assert.True(await Reserve(first, QuotaBuckets.DataApi, QuotaPurposes.Expansion));
        Assert.True(await Reserve(first, QuotaBuckets.BatchGetStats, QuotaPurposes.VideoRefresh));
        await first.Ask<QuotaLedger>(new QuotaCommands.Exhaust(QuotaBuckets.BatchGetStats), Timeout, Cancel);
        await StopAsync(first);

        var second = Start();
        var ledger = await Read(second);

        Assert.Equal(2, ledger.Bucket(QuotaBuckets.DataApi).Spent);
        Assert.Equal(1, ledger.Bucket(QuotaBuckets.DataApi).ByPurpose[QuotaPurposes.Expansion]);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), ledger.Bucket(QuotaBuckets.BatchGetStats).BlockedUntil);
        Assert.False(await Reserve(second, QuotaBuckets.BatchGetStats, QuotaPurposes.VideoRefresh)); // the block held
        Assert.True(await Reserve(second, QuotaBuckets.DataApi, QuotaPurposes.VideoRefresh)); // the other bucket did not stop

        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero)); // midnight Pacific
        var tomorrow = await Read(second);
        Assert.Equal(0, tomorrow.Bucket(QuotaBuckets.DataApi).Spent);
        Assert.Null(tomorrow.Bucket(QuotaBuckets.BatchGetStats).BlockedUntil);
    }

    [Fact]
    public async Task Should_refuse_past_the_limit_and_keep_the_count_from_a_snapshot_that_replaced_its_events()
    {
        var quota = Start();
        var granted = 0;
        for (var i = 0; i < QuotaActor.SnapshotEvery + 20; i++)
            granted += await Reserve(quota, QuotaBuckets.DataApi, QuotaPurposes.VideoRefresh, limit: QuotaActor.SnapshotEvery + 10) ? 1 : 0;
        Assert.Equal(QuotaActor.SnapshotEvery + 10, granted);
        await AwaitAssertAsync(() => Assert.Equal(1, Scalar("SELECT COUNT(*) FROM snapshot WHERE persistence_id = 'quota'")),
            Timeout, cancellationToken: Cancel);
        await StopAsync(quota);

        var restarted = Start();
        Assert.Equal(QuotaActor.SnapshotEvery + 10, (await Read(restarted)).Bucket(QuotaBuckets.DataApi).Spent);
        Assert.False(await Reserve(restarted, QuotaBuckets.DataApi, QuotaPurposes.VideoRefresh, limit: QuotaActor.SnapshotEvery + 10));
    }
}
