using Akka.Actor;
using Akka.Hosting;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Persistence;
using YouTubeAnalytics.Actors.Tests.Support;
using YouTubeAnalytics.Actors.Videos;
using static YouTubeAnalytics.Actors.Tests.Support.Samples;

namespace YouTubeAnalytics.Actors.Tests.Alerts;

public sealed class SqliteNotifierActorSpecs(ITestOutputHelper output) : NotifierActorSpecs(JournalProvider.Sqlite, output);

public sealed class PostgresNotifierActorSpecs(ITestOutputHelper output) : NotifierActorSpecs(JournalProvider.PostgreSql, output);

/// <summary>The notifier's exactly-once delivery on a real journal, run on SQLite and on PostgreSQL.</summary>
public abstract class NotifierActorSpecs(JournalProvider provider, ITestOutputHelper output) : JournalSpec(provider, output)
{
    private static readonly NotifierSettings Settings = NotifierSettings.Default with
    {
        RetryMinBackoff = TimeSpan.FromMilliseconds(50),
        RetryMaxBackoff = TimeSpan.FromMilliseconds(200),
        SnapshotEvery = 2,
    };

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>A notifier whose tag query never reaches an alert: it delivers only what is pushed to it.</summary>
    private static readonly NotifierSettings PushOnly = Settings with { ReadJournalPluginId = SilentReadJournal.PluginId };

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider)
    {
        base.ConfigureAkka(builder, provider);
        builder.AddHocon(SilentReadJournal.Hocon, HoconAddMode.Prepend);
    }

    /// <summary>Raises <paramref name="count"/> alerts on one video (each sample is +10%) and returns their ids.</summary>
    /// <param name="push">The video's push seam; none: the alerts reach a notifier through its tag query alone.</param>
    private async Task<List<string>> RaiseAlerts(int count, string videoId = Id, IAlertPush? push = null)
    {
        var video = Sys.ActorOf(VideoActor.PropsFor(
            videoId, VideoActorSettings.Default, new RecordingReadSide(), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(T0.AddDays(1)), push));
        var ids = new List<string>();
        long views = 10_000;
        await video.Ask<object>(new VideoCommands.RecordSample(At(0, views, videoId: videoId)), Patience);
        for (var i = 1; i <= count; i++)
        {
            views = views * 11 / 10;
            var ack = await video.Ask<VideoCommands.SampleAccepted>(new VideoCommands.RecordSample(At(i, views, likes: null, comments: null, videoId: videoId)), Patience);
            ids.Add(ack.AlertId!);
        }
        return ids;
    }

    private async Task<NotifierQueries.NotifierStatus> Status(IActorRef notifier) =>
        await notifier.Ask<NotifierQueries.NotifierStatus>(NotifierQueries.GetNotifierStatus.Instance, Patience);

    private async Task AwaitDelivered(RecordingAlertSink sink, int count) =>
        await AwaitAssertAsync(() => Assert.Equal(count, sink.Delivered.Count), Patience,
            cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task Should_deliver_every_alert_once_in_journal_order()
    {
        var ids = await RaiseAlerts(5);
        var sink = new RecordingAlertSink();

        var notifier = Sys.ActorOf(NotifierActor.PropsFor(Settings, sink));
        await AwaitDelivered(sink, 5);

        Assert.Equal(ids, sink.Delivered.Select(a => a.AlertId));
        var status = await Status(notifier);
        Assert.Equal(5, status.DeliveredCount);
        Assert.Equal(Scalar("select max(ordering_id) from tags where tag = 'alert'"), status.Offset);
    }

    [Fact]
    public async Task Should_deliver_alerts_raised_while_it_is_running()
    {
        var sink = new RecordingAlertSink();
        Sys.ActorOf(NotifierActor.PropsFor(Settings, sink));

        var ids = await RaiseAlerts(3);

        await AwaitDelivered(sink, 3);
        Assert.Equal(ids, sink.Delivered.Select(a => a.AlertId));
    }

    [Fact]
    public async Task Should_retry_a_failed_delivery_instead_of_dropping_it()
    {
        var ids = await RaiseAlerts(2);
        var sink = new RecordingAlertSink(failFirstAttempts: 3);

        Sys.ActorOf(NotifierActor.PropsFor(Settings, sink));
        await AwaitDelivered(sink, 2);

        Assert.Equal(ids, sink.Delivered.Select(a => a.AlertId));
        Assert.True(sink.Attempts > 3);
    }

    [Fact]
    public async Task Should_wait_its_retry_backoff_on_its_clock_before_delivering_again()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(T0.AddDays(1));
        var ids = await RaiseAlerts(1);
        var sink = new RecordingAlertSink(failFirstAttempts: 2);
        var settings = Settings with { RetryMinBackoff = TimeSpan.FromMinutes(5), RetryMaxBackoff = TimeSpan.FromMinutes(30) };
        Sys.ActorOf(NotifierActor.PropsFor(settings, sink, time));

        await AwaitAssertAsync(() => Assert.Equal(1, sink.Attempts), Patience, cancellationToken: TestContext.Current.CancellationToken);
        ExpectNoMsg(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken); // real time passes, the notifier's clock does not
        Assert.Equal(1, sink.Attempts);

        time.Advance(TimeSpan.FromMinutes(5)); // the first backoff: RetryMinBackoff
        await AwaitAssertAsync(() => Assert.Equal(2, sink.Attempts), Patience, cancellationToken: TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(5)); // the second doubles: five minutes are not enough
        ExpectNoMsg(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        Assert.Equal(2, sink.Attempts);

        time.Advance(TimeSpan.FromMinutes(5));
        await AwaitDelivered(sink, 1);
        Assert.Equal(ids, sink.Delivered.Select(a => a.AlertId));
        Assert.Equal(3, sink.Attempts);
    }

    [Fact]
    public async Task Should_not_deliver_again_after_a_restart()
    {
        await RaiseAlerts(5); // with snapshots every 2 deliveries, recovery uses a snapshot and events
        var first = new RecordingAlertSink();
        var notifier = Sys.ActorOf(NotifierActor.PropsFor(Settings, first));
        await AwaitDelivered(first, 5);
        var offset = (await Status(notifier)).Offset;
        await StopAsync(notifier);

        var second = new RecordingAlertSink();
        var restarted = Sys.ActorOf(NotifierActor.PropsFor(Settings, second));
        Assert.Equal(offset, (await Status(restarted)).Offset);
        // One new alert after the restart: the projection reads in journal order, so once it is delivered every
        // older alert has been read past; the sink must have got that one alone.
        var fresh = await RaiseAlerts(1, videoId: "ccccccccccc");
        await AwaitDelivered(second, 1);

        Assert.Equal(fresh, second.Delivered.Select(a => a.AlertId));
        var status = await Status(restarted);
        Assert.True(status.Offset > offset, $"offset {status.Offset} after {offset}");
        Assert.Equal(6, status.DeliveredCount);
    }

    [Fact]
    public async Task Should_resume_after_the_last_delivered_alert()
    {
        var first = new RecordingAlertSink();
        var notifier = Sys.ActorOf(NotifierActor.PropsFor(Settings, first));
        var delivered = await RaiseAlerts(2);
        await AwaitDelivered(first, 2);

        first.Held = true;
        var undelivered = await RaiseAlerts(4, videoId: "bbbbbbbbbbb");
        await AwaitAssertAsync(async () => Assert.True((await Status(notifier)).Pending > 0), Patience,
            cancellationToken: TestContext.Current.CancellationToken);
        await StopAsync(notifier); // stopped with alerts in flight, never delivered

        var second = new RecordingAlertSink();
        Sys.ActorOf(NotifierActor.PropsFor(Settings, second));

        await AwaitDelivered(second, 4);
        Assert.Equal(undelivered, second.Delivered.Select(a => a.AlertId));
        Assert.DoesNotContain(second.Delivered, a => delivered.Contains(a.AlertId));
    }

    [Fact]
    public async Task Should_hand_a_backlog_to_the_sink_as_one_batch()
    {
        await RaiseAlerts(30);
        var sink = new RecordingAlertSink();

        Sys.ActorOf(NotifierActor.PropsFor(Settings, sink));
        await AwaitDelivered(sink, 30);

        Assert.True(sink.BatchSizes.Max() > 1, $"batches: {string.Join(",", sink.BatchSizes)}");
    }

    [Fact]
    public async Task Should_not_redeliver_what_a_sink_reported_before_a_batch_was_cut_short()
    {
        var ids = await RaiseAlerts(6);
        var cutShort = new ReportsTwoThenHangs();
        var first = Sys.ActorOf(NotifierActor.PropsFor(Settings, cutShort));
        await AwaitAssertAsync(async () =>
        {
            Assert.NotEmpty(cutShort.Reported);
            Assert.Equal(cutShort.Reported.Count, (await Status(first)).DeliveredCount);
        }, Patience, cancellationToken: TestContext.Current.CancellationToken);
        await first.GracefulStop(Patience);
        var reported = cutShort.Reported.Count;

        var sink = new RecordingAlertSink();
        Sys.ActorOf(NotifierActor.PropsFor(Settings, sink));
        await AwaitDelivered(sink, 6 - reported);

        Assert.Equal(ids[..reported], cutShort.Reported);
        Assert.Equal(ids[reported..], sink.Delivered.Select(a => a.AlertId));
    }

    [Fact]
    public async Task Should_answer_a_sink_awaiting_a_delivery_report_only_once_the_record_is_in_the_journal()
    {
        var ids = await RaiseAlerts(4);
        var sink = new AwaitsEachRecord(() => Scalar("select count(*) from journal where manifest = 'notifier.alert-delivered.v1'"));

        Sys.ActorOf(NotifierActor.PropsFor(Settings, sink));
        await AwaitAssertAsync(() => Assert.Equal(4, sink.RecordsSeen.Count), Patience,
            cancellationToken: TestContext.Current.CancellationToken);

        // After each awaited report, the journal already held every alert sent so far: at most one is ever out unrecorded.
        Assert.Equal([1L, 2L, 3L, 4L], sink.RecordsSeen);
        Assert.Equal(ids, sink.Sent);
    }

    private long Located() => Scalar("select count(*) from journal where manifest = 'notifier.alert-located.v1'");

    private long LastAlertOrdering() => Scalar("select max(ordering_id) from tags where tag = 'alert'");

    [Fact]
    public async Task Should_deliver_an_alert_pushed_twice_and_then_read_by_the_tag_query_once()
    {
        var push = new RecordingAlertPush(); // records the push; the spec hands it over below
        var ids = await RaiseAlerts(1, push: push);
        var alert = Assert.Single(push.Pushed);
        var sink = new RecordingAlertSink();

        var notifier = Sys.ActorOf(NotifierActor.PropsFor(Settings, sink));
        // Both wait in the mailbox while it recovers and are taken before the tag query's first batch can arrive.
        notifier.Tell(new NotifierCommands.AlertPushed(alert));
        notifier.Tell(new NotifierCommands.AlertPushed(alert));
        await AwaitAssertAsync(async () => Assert.Equal(LastAlertOrdering(), (await Status(notifier)).Offset), Patience,
            cancellationToken: TestContext.Current.CancellationToken); // the query read it and moved the offset

        Assert.Equal(ids, sink.Delivered.Select(a => a.AlertId));
        Assert.Equal(1, (await Status(notifier)).DeliveredCount);
        Assert.Equal(1, Located()); // delivered by the push, found delivered by the query
    }

    [Fact]
    public async Task Should_deliver_a_stream_of_pushed_alerts_each_once_while_the_tag_query_catches_up()
    {
        var sink = new RecordingAlertSink { SendTime = TimeSpan.FromMilliseconds(300) }; // a send as slow as Telegram's
        var notifier = Sys.ActorOf(NotifierActor.PropsFor(Settings, sink));

        // Pushes and the query's batches interleave (the query reads what was pushed while a push is being sent): some
        // alerts go by the push, some by the query, each once, in journal order (one video).
        var ids = await RaiseAlerts(40, push: new RecordingAlertPush(notifier));

        await AwaitAssertAsync(async () => Assert.Equal(LastAlertOrdering(), (await Status(notifier)).Offset), Patience,
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(ids, sink.Delivered.Select(a => a.AlertId));
        Assert.Equal(40, (await Status(notifier)).DeliveredCount);
    }

    [Fact]
    public async Task Should_deliver_through_the_tag_query_an_alert_whose_push_was_lost()
    {
        var sink = new RecordingAlertSink();
        var notifier = Sys.ActorOf(NotifierActor.PropsFor(Settings, sink));

        var lost = new RecordingAlertPush(notifier: null); // pushed into nothing, as to a notifier that is down
        var ids = await RaiseAlerts(3, push: lost);

        await AwaitDelivered(sink, 3);
        Assert.Equal(ids, lost.Pushed.Select(a => a.AlertId));
        Assert.Equal(ids, sink.Delivered.Select(a => a.AlertId));
        var status = await Status(notifier);
        Assert.Equal(3, status.DeliveredCount);
        Assert.Equal(LastAlertOrdering(), status.Offset);
        Assert.Equal(0, Located()); // nothing came by a push
    }

    [Fact]
    public async Task Should_deliver_pushed_alerts_once_across_a_restart_before_the_tag_query_reached_them()
    {
        var first = new RecordingAlertSink();
        var notifier = Sys.ActorOf(NotifierActor.PropsFor(PushOnly, first));
        var pushed = await RaiseAlerts(3, push: new RecordingAlertPush(notifier));
        await AwaitDelivered(first, 3);
        await AwaitAssertAsync(async () => Assert.Equal(3, (await Status(notifier)).DeliveredCount), Patience,
            cancellationToken: TestContext.Current.CancellationToken); // recorded (and snapshotted: every 2)
        Assert.Equal(0, (await Status(notifier)).Offset); // the query never got there: only it moves the offset
        Assert.Equal(pushed, first.Delivered.Select(a => a.AlertId));
        await StopAsync(notifier);

        var second = new RecordingAlertSink();
        var restarted = Sys.ActorOf(NotifierActor.PropsFor(Settings, second));
        restarted.Tell(new NotifierCommands.AlertPushed(first.Delivered.First())); // a late push, after the restart
        // One new alert, not pushed: once the query delivered it, it had read the three pushed ones before it.
        var fresh = await RaiseAlerts(1, videoId: "ccccccccccc");
        await AwaitDelivered(second, 1);

        Assert.Equal(fresh, second.Delivered.Select(a => a.AlertId));
        var status = await Status(restarted);
        Assert.Equal(4, status.DeliveredCount);
        Assert.Equal(LastAlertOrdering(), status.Offset);
        Assert.Equal(3, Located());
    }

    /// <summary>A sink that sends one alert at a time and awaits its record before the next (as the log sink does).</summary>
    private sealed class AwaitsEachRecord(Func<long> recordsInJournal) : IAlertSink
    {
        public List<string> Sent { get; } = [];

        public List<long> RecordsSeen { get; } = [];

        public string Name => "one-at-a-time";

        public async Task DeliverAsync(IReadOnlyList<Alert> alerts, AlertProgress progress, CancellationToken cancellationToken)
        {
            foreach (var alert in alerts)
            {
                Sent.Add(alert.AlertId);
                await progress.DeliveredAsync([alert.AlertId]).WaitAsync(cancellationToken);
                RecordsSeen.Add(recordsInJournal());
            }
        }
    }

    /// <summary>A multi-step sink that gets the first alerts of its first batch out (at most two), reports them, and hangs.</summary>
    private sealed class ReportsTwoThenHangs : IAlertSink
    {
        public List<string> Reported { get; } = [];

        public string Name => "cut-short";

        public async Task DeliverAsync(IReadOnlyList<Alert> alerts, AlertProgress progress, CancellationToken cancellationToken)
        {
            if (Reported.Count == 0)
            {
                Reported.AddRange(alerts.Take(2).Select(a => a.AlertId));
                progress.Delivered(Reported.ToList());
            }
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}
