using Akka.Actor;
using Akka.Hosting;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.EndToEnd.Tests;

public sealed class SqliteHostCrashSpecs() : HostCrashSpecs("Sqlite");

public sealed class PostgresHostCrashSpecs() : HostCrashSpecs("PostgreSql");

/// <summary>
/// The whole host dies after alerts were raised (persisted) but before they were delivered; the next host on the
/// same database delivers each exactly once, and a third delivers nothing. On SQLite and on PostgreSQL.
/// </summary>
public abstract class HostCrashSpecs(string provider) : IDisposable
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddHours(-2);
    private readonly TestJournal _journal = TestJournal.Create(provider);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => _journal.Dispose();

    private static VideoStatsObserved Sample(string videoId, int minute, long views) =>
        new(videoId, "UCabc", $"Video {videoId}", "Channel", T0.AddDays(-1), views, null, null, T0.AddMinutes(minute), SampleSources.YouTube);

    private long AlertsInJournal() => _journal.Scalar("select count(*) from tags where tag = 'alert'");

    private long LastAlertOrdering() => _journal.Scalar("select coalesce(max(ordering_id), 0) from tags where tag = 'alert'");

    private static async Task<NotifierQueries.NotifierStatus> NotifierStatus(AppFactory host)
    {
        var notifier = await host.Registry.GetAsync<NotifierActor>(Cancel);
        return await notifier.Ask<NotifierQueries.NotifierStatus>(NotifierQueries.GetNotifierStatus.Instance, TimeSpan.FromSeconds(5), Cancel);
    }

    [Fact]
    public async Task Should_deliver_each_alert_exactly_once_when_the_host_dies_before_delivery()
    {
        // 1. Alerts are raised and persisted while the sink hangs; then the host goes away.
        var source = new ChannelVideoStatsSource();
        var hanging = new RecordingAlertSink { Hold = true };
        await using (var first = new AppFactory(_journal, hanging, source))
        {
            first.CreateClient().Dispose(); // starts the host
            source.Write(
                Sample("aaaaaaaaaaa", 0, 10_000), Sample("aaaaaaaaaaa", 1, 11_000), Sample("aaaaaaaaaaa", 2, 12_500),
                Sample("bbbbbbbbbbb", 0, 990), Sample("bbbbbbbbbbb", 1, 1_200));
            await Eventually.Holds(() => Assert.Equal(3, AlertsInJournal()), cancellationToken: Cancel);
            Assert.Empty(hanging.Delivered);
        }

        // 2. A new host on the same database delivers the three alerts, once each.
        var recording = new RecordingAlertSink();
        await using (var second = new AppFactory(_journal, recording, new ChannelVideoStatsSource()))
        {
            second.CreateClient().Dispose();
            await Eventually.Holds(async () =>
            {
                var status = await NotifierStatus(second);
                Assert.Equal(LastAlertOrdering(), status.Offset);
                Assert.Equal(0, status.Pending);
            }, cancellationToken: Cancel);

            var ids = recording.Delivered.Select(a => a.AlertId).ToList();
            Assert.Equal(3, ids.Count);
            Assert.Equal(3, ids.Distinct().Count());
        }

        // 3. And a third host finds nothing left to deliver.
        var third = new RecordingAlertSink();
        await using (var host = new AppFactory(_journal, third, new ChannelVideoStatsSource()))
        {
            host.CreateClient().Dispose();
            var status = await NotifierStatus(host);
            Assert.Equal(3, status.DeliveredCount);
            Assert.Equal(LastAlertOrdering(), status.Offset);
            Assert.Empty(third.Delivered);
        }
    }

    [Fact]
    public async Task Should_keep_baselines_across_a_restart_and_raise_no_alert_twice()
    {
        var source = new ChannelVideoStatsSource();
        await using (var first = new AppFactory(_journal, new RecordingAlertSink(), source))
        {
            first.CreateClient().Dispose();
            source.Write(Sample("ccccccccccc", 0, 10_000), Sample("ccccccccccc", 1, 10_600));
            await Eventually.Holds(() => Assert.Equal(1, AlertsInJournal()), cancellationToken: Cancel);
        }

        var again = new ChannelVideoStatsSource();
        var sink = new RecordingAlertSink();
        await using var second = new AppFactory(_journal, sink, again);
        using var client = second.CreateClient();
        // The redelivered sample is a duplicate; 11,000 is +3.8% from the recovered baseline of 10,600.
        again.Write(Sample("ccccccccccc", 1, 10_600), Sample("ccccccccccc", 2, 11_000));
        await Eventually.Holds(
            () => Assert.Equal(3, _journal.Scalar("select count(*) from journal where persistence_id = 'video-ccccccccccc'")),
            cancellationToken: Cancel);
        await Eventually.Holds(async () => Assert.Equal(LastAlertOrdering(), (await NotifierStatus(second)).Offset), cancellationToken: Cancel);

        Assert.Equal(1, AlertsInJournal());
        Assert.Empty(sink.Delivered); // the first host delivered the one alert already
    }
}
