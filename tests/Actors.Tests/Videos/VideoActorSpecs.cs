using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using YouTubeAnalytics.Actors.Persistence;
using YouTubeAnalytics.Actors.Tests.Support;
using YouTubeAnalytics.Actors.Videos;
using static YouTubeAnalytics.Actors.Tests.Support.Samples;

namespace YouTubeAnalytics.Actors.Tests.Videos;

public sealed class SqliteVideoActorSpecs(ITestOutputHelper output) : VideoActorSpecs(JournalProvider.Sqlite, output);

public sealed class PostgresVideoActorSpecs(ITestOutputHelper output) : VideoActorSpecs(JournalProvider.PostgreSql, output);

/// <summary>The VideoActor on a real journal, run on SQLite and on PostgreSQL.</summary>
public abstract class VideoActorSpecs(JournalProvider provider, ITestOutputHelper output) : JournalSpec(provider, output)
{
    private readonly RecordingReadSide _readSide = new();
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = new(T0.AddDays(1));

    private IActorRef StartVideo(int snapshotEvery = 100) =>
        Sys.ActorOf(VideoActor.PropsFor(Id, VideoActorSettings.Default with { SnapshotEvery = snapshotEvery }, _readSide, _clock));

    private IActorRef StartVideoKeeping(TimeSpan retention, int snapshotEvery) =>
        Sys.ActorOf(VideoActor.PropsFor(Id, VideoActorSettings.Default with { SnapshotEvery = snapshotEvery, Retention = retention }, _readSide, _clock));

    private async Task<List<DateTimeOffset>> HistoryInJournal()
    {
        var journal = Akka.Persistence.Query.PersistenceQuery.Get(Sys)
            .ReadJournalFor<Akka.Persistence.Query.ICurrentEventsByPersistenceIdQuery>(YouTubeAnalytics.Actors.Persistence.JournalNames.ReadJournalPluginId);
        var events = await journal.CurrentEventsByPersistenceId(VideoActor.PersistenceIdFor(Id), 0, long.MaxValue)
            .RunAggregate(new List<DateTimeOffset>(), (list, env) =>
            {
                if (env.Event is VideoEvents.SampleRecorded r) list.Add(r.Sample.ObservedAt);
                return list;
            }, Sys.Materializer());
        return events;
    }

    [Fact]
    public async Task Should_delete_the_history_older_than_the_retention_and_still_recover()
    {
        var video = StartVideoKeeping(TimeSpan.FromDays(30), snapshotEvery: 2);
        const int fortyDays = -40 * 24 * 60;
        await Offer(video, At(fortyDays, 10_000));
        await Offer(video, At(fortyDays + 1, 10_001));
        // Each snapshot (every 2nd event here) prunes once; one still reading when the next is saved is not repeated,
        // so keep sampling, as a watched video does, until the old samples are gone.
        var minute = 0;
        List<DateTimeOffset> history;
        do
        {
            await Offer(video, At(minute, 10_002 + minute));
            minute++;
            history = await HistoryInJournal();
        } while (history.Any(at => at < T0) && minute < 200);

        Assert.All(history, at => Assert.True(at >= T0));
        Assert.Equal(minute, history.Count); // every recent sample is kept
        var before = await StateOf(video);
        await StopAsync(video);
        var recovered = await StateOf(StartVideoKeeping(TimeSpan.FromDays(30), snapshotEvery: 2));
        // The prune forgets the deleted events' hour marks after the snapshot that started it was saved: recovered from
        // that snapshot (no later one yet), the index still lists them until the next snapshot. They only move a range
        // query's start before the first event left; every other part of the state is the same.
        var keptFrom = before.HistoryMarks.Marks.First().SequenceNr;
        Assert.Equal(before, recovered with { History = recovered.HistoryMarks.DropThrough(keptFrom - 1) });
        Assert.All(recovered.HistoryMarks.Marks.Where(m => m.SequenceNr < keptFrom), m => Assert.True(m.At < T0));
    }

    [Fact]
    public async Task Should_delete_no_history_and_not_freeze_when_the_wall_clock_jumps_40_days_ahead_and_back()
    {
        var clock = new YouTubeAnalytics.Actors.Tests.Resilience.JumpingClock(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(T0));
        var video = Sys.ActorOf(VideoActor.PropsFor(Id,
            VideoActorSettings.Default with { SnapshotEvery = 2, Retention = TimeSpan.FromDays(30) }, _readSide, clock));
        for (var minute = 0; minute < 6; minute++)
        {
            clock.Inner.SetUtcNow(T0.AddMinutes(minute));
            Assert.IsType<VideoCommands.SampleAccepted>(await Offer(video, At(minute, 10_000 + minute)));
        }

        // 40 days ahead: the poller stamps with the jumped clock (refused, not made the latest); a sample stamped right
        // (another node) is taken and its snapshot runs the prune, which deletes nothing while the clocks disagree.
        clock.Jump = TimeSpan.FromDays(40);
        clock.Inner.SetUtcNow(T0.AddMinutes(6));
        var jumped = Assert.IsType<VideoCommands.SampleIgnored>(await Offer(video, At(6, 20_000) with { ObservedAt = clock.GetUtcNow() }));
        Assert.Contains("future", jumped.Reason, StringComparison.Ordinal);
        Assert.IsType<VideoCommands.SampleAccepted>(await Offer(video, At(6, 10_006)));
        Assert.IsType<VideoCommands.SampleAccepted>(await Offer(video, At(7, 10_007)));

        // Back: the video takes samples again, and its whole history is still in the journal.
        clock.Jump = TimeSpan.Zero;
        for (var minute = 8; minute < 12; minute++)
        {
            clock.Inner.SetUtcNow(T0.AddMinutes(minute));
            Assert.IsType<VideoCommands.SampleAccepted>(await Offer(video, At(minute, 10_000 + minute)));
        }
        var kept = (await HistoryInJournal()).Count;
        Assert.Equal(12, kept);
        Assert.Equal(10_011, (await StateOf(video)).Latest!.ViewCount);
        YouTubeAnalytics.Testing.ReliabilityFigures.Record("partial failures",
            $"wall clock 40 days ahead, then back (History:Retention 30 days, snapshots every 2), {Provider}: accepted samples kept in the journal", 12, kept, 12 - kept, 0);
    }

    [Fact]
    public async Task Should_raise_the_new_upload_alert_once_at_the_first_flagged_sample_and_not_again_after_recovery()
    {
        var video = StartVideo(snapshotEvery: 2);
        var first = Assert.IsType<VideoCommands.SampleAccepted>(await Offer(video, At(0, 1_234) with { NewUpload = true }));
        Assert.Equal(NewUploadRule.AlertIdFor(Id), first.AlertId);
        Assert.Null(Assert.IsType<VideoCommands.SampleAccepted>(await Offer(video, At(1, 1_240) with { NewUpload = true })).AlertId);
        Assert.Null(Assert.IsType<VideoCommands.SampleAccepted>(await Offer(video, At(2, 1_250) with { NewUpload = true })).AlertId);

        await StopAsync(video);
        var recovered = StartVideo(snapshotEvery: 2);
        Assert.Null(Assert.IsType<VideoCommands.SampleAccepted>(await Offer(recovered, At(3, 1_260) with { NewUpload = true })).AlertId);
        Assert.Equal(1, (await StateOf(recovered)).AlertCount);
    }

    private const int FortyDaysAgo = -40 * 24 * 60;

    private async Task<HistoryExpiry> Expire(IActorRef video) =>
        (await video.Ask<VideoCommands.HistoryExpiryAnswered>(new VideoCommands.ExpireHistory(Id), TimeSpan.FromSeconds(10))).Expiry;

    [Fact]
    public async Task Should_forget_a_video_no_longer_sampled_whose_every_sample_is_past_the_retention()
    {
        var video = StartVideoKeeping(TimeSpan.FromDays(30), snapshotEvery: 2);
        for (var i = 0; i < 5; i++)
            await Offer(video, At(FortyDaysAgo + i, 10_000 + i)); // two snapshots among them

        Assert.Equal(HistoryExpiry.Forget, await Expire(video));

        await AwaitAssertAsync(async () => Assert.Empty(await HistoryInJournal()), TimeSpan.FromSeconds(10), cancellationToken: TestContext.Current.CancellationToken);
        await AwaitAssertAsync(() => Assert.Equal(0L, Scalar($"SELECT COUNT(*) FROM snapshot WHERE persistence_id = '{VideoActor.PersistenceIdFor(Id)}'")),
            TimeSpan.FromSeconds(10), cancellationToken: TestContext.Current.CancellationToken);
        // Only the marker is left (it holds no YouTube data): no row of a sample or alert, deleted-flagged or not.
        Assert.Equal(0L, Scalar($"SELECT COUNT(*) FROM journal WHERE persistence_id = '{VideoActor.PersistenceIdFor(Id)}' AND manifest <> 'video.history-forgotten.v1'"));
        await StopAsync(video);

        var recovered = StartVideoKeeping(TimeSpan.FromDays(30), snapshotEvery: 2);
        Assert.False((await StateOf(recovered)).HasSamples);
        Assert.Equal(HistoryExpiry.Nothing, await Expire(recovered));
        // Watched again: its next sample is a first sample, a baseline.
        Assert.Null(Assert.IsType<VideoCommands.SampleAccepted>(await Offer(recovered, At(0, 99_000))).AlertId);
        Assert.Equal(1, (await StateOf(recovered)).SampleCount);
    }

    [Fact]
    public async Task Should_prune_a_video_no_longer_sampled_down_to_its_samples_within_the_retention()
    {
        var video = StartVideoKeeping(TimeSpan.FromDays(30), snapshotEvery: 100); // no snapshot of its own: it never prunes
        await Offer(video, At(FortyDaysAgo, 10_000));
        await Offer(video, At(FortyDaysAgo + 1, 10_001));
        await Offer(video, At(0, 10_002));
        await Offer(video, At(1, 10_003));

        Assert.Equal(HistoryExpiry.Prune, await Expire(video));

        await AwaitAssertAsync(async () => Assert.Equal([T0, T0.AddMinutes(1)], await HistoryInJournal()), TimeSpan.FromSeconds(10), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(10_003, (await StateOf(video)).Latest!.ViewCount);
    }

    [Fact]
    public async Task Should_expire_nothing_while_the_wall_clock_disagrees_with_the_reference()
    {
        var clock = new YouTubeAnalytics.Actors.Tests.Resilience.JumpingClock(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(T0));
        var video = Sys.ActorOf(VideoActor.PropsFor(Id,
            VideoActorSettings.Default with { SnapshotEvery = 100, Retention = TimeSpan.FromDays(30) }, _readSide, clock));
        for (var minute = 0; minute < 3; minute++)
            await Offer(video, At(minute, 10_000 + minute));

        clock.Jump = TimeSpan.FromDays(40); // every sample would look 40 days old
        Assert.Equal(HistoryExpiry.Nothing, await Expire(video));
        Assert.IsType<VideoCommands.SampleAccepted>(await Offer(video, At(3, 10_003))); // a later command: the journal settled
        Assert.Equal(4, (await HistoryInJournal()).Count);
        Assert.True((await StateOf(video)).HasSamples);
    }

    private async Task<object> Offer(IActorRef video, YouTubeAnalytics.Actors.Contracts.VideoStatsObserved sample) =>
        await video.Ask<object>(new VideoCommands.RecordSample(sample), TimeSpan.FromSeconds(10), cancellationToken: TestContext.Current.CancellationToken);

    private async Task<VideoState> StateOf(IActorRef video) =>
        (await video.Ask<VideoQueries.VideoStatsReply>(new VideoQueries.GetVideoStats(Id), TimeSpan.FromSeconds(10))).State;

    [Fact]
    public async Task Should_ack_only_what_is_persisted_and_report_the_alert()
    {
        var video = StartVideo();

        var first = Assert.IsType<VideoCommands.SampleAccepted>(await Offer(video, At(0, 10_000)));
        var second = Assert.IsType<VideoCommands.SampleAccepted>(await Offer(video, At(1, 11_000)));

        Assert.Null(first.AlertId);
        Assert.NotNull(second.AlertId);
        Assert.Equal(2, Scalar("select count(*) from journal where persistence_id = 'video-dQw4w9WgXcQ' and manifest = 'video.sample-recorded.v1'"));
        Assert.Equal(1, Scalar("select count(*) from tags where tag = 'alert'"));
        Assert.Equal(11_000, _readSide.Published.Last().ViewCount);
    }

    [Fact]
    public async Task Should_push_each_alert_to_the_notifier_once_it_is_persisted_and_nothing_else()
    {
        var push = new RecordingAlertPush();
        var video = Sys.ActorOf(VideoActor.PropsFor(Id, VideoActorSettings.Default, _readSide, _clock, push));

        await Offer(video, At(0, 10_000));
        await Offer(video, At(1, 10_001)); // below the threshold: no alert, nothing pushed
        Assert.Empty(push.Pushed);
        var alerted = Assert.IsType<VideoCommands.SampleAccepted>(await Offer(video, At(2, 11_000)));
        await Offer(video, At(2, 12_000)); // not newer: ignored, nothing pushed

        var pushed = Assert.Single(push.Pushed);
        Assert.Equal(alerted.AlertId, pushed.AlertId);
        Assert.Equal(1, Scalar("select count(*) from tags where tag = 'alert'")); // the one pushed, and the tag query finds it too
    }

    [Fact]
    public async Task Should_recover_state_and_baselines_from_the_journal()
    {
        var video = StartVideo();
        await Offer(video, At(0, 10_000));
        await Offer(video, At(1, 10_600)); // alert: the views baseline moves to 10,600
        await Offer(video, At(2, 10_650));
        var before = await StateOf(video);
        Assert.Equal(10_600, before.ViewsBaseline!.Value);

        await StopAsync(video);
        var restarted = StartVideo();

        var after = await StateOf(restarted);
        Assert.Equal(before, after);

        // 11,000 is +3.8% from the recovered baseline (no alert), but +10% from the first sample.
        var reply = Assert.IsType<VideoCommands.SampleAccepted>(await Offer(restarted, At(3, 11_000)));
        Assert.Null(reply.AlertId);
        // The last sample before the stop is still known: replaying it changes nothing.
        Assert.IsType<VideoCommands.SampleIgnored>(await Offer(restarted, At(2, 10_650)));
        Assert.Equal(1, (await StateOf(restarted)).AlertCount);
    }

    [Fact]
    public async Task Should_snapshot_every_n_events_keep_the_events_and_recover_from_the_snapshot()
    {
        var video = StartVideo(snapshotEvery: 3);
        for (var minute = 0; minute < 8; minute++)
            await Offer(video, At(minute, 10_000 + minute * 300));
        var before = await StateOf(video);
        // Older snapshots are deleted once the newer one is saved (asynchronously, after the ack).
        await AwaitAssertAsync(
            () => Assert.Equal(1, Scalar("select count(*) from snapshot where persistence_id = 'video-dQw4w9WgXcQ'")),
            TimeSpan.FromSeconds(15), cancellationToken: TestContext.Current.CancellationToken);

        await StopAsync(video);
        var after = await StateOf(StartVideo(snapshotEvery: 3));

        Assert.Equal(before, after);
        Assert.Equal(8, Scalar("select count(*) from journal where manifest = 'video.sample-recorded.v1'"));
        Assert.Equal("video.state.v1|4711", ScalarText("select manifest || '|' || serializer_id from snapshot"));
    }

    private IActorRef StartVideoSnapshottingOnPassivation(int after) =>
        Sys.ActorOf(VideoActor.PropsFor(Id, VideoActorSettings.Default with { SnapshotOnPassivation = after }, _readSide, _clock));

    private async Task PassivateAsync(IActorRef video)
    {
        Watch(video);
        video.Tell(VideoPassivation.Stop.Instance); // what sharding sends on idle passivation and hand-off
        await ExpectTerminatedAsync(video, cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Should_snapshot_on_passivation_and_recover_the_same_state_from_it()
    {
        var video = StartVideoSnapshottingOnPassivation(after: 1);
        for (var minute = 0; minute < 5; minute++)
            await Offer(video, At(minute, 10_000 + minute * 700)); // alerts on the way: the state carries them
        var before = await StateOf(video);
        Assert.Equal(0, Scalar("select count(*) from snapshot where persistence_id = 'video-dQw4w9WgXcQ'"));

        await PassivateAsync(video);

        // The snapshot is saved before the actor stops, at the last event: the next activation replays nothing.
        Assert.Equal(1, Scalar("select count(*) from snapshot where persistence_id = 'video-dQw4w9WgXcQ'"));
        Assert.Equal(
            Scalar("select max(sequence_number) from journal where persistence_id = 'video-dQw4w9WgXcQ'"),
            Scalar("select max(sequence_number) from snapshot where persistence_id = 'video-dQw4w9WgXcQ'"));
        var restarted = StartVideoSnapshottingOnPassivation(after: 1);
        Assert.Equal(before, await StateOf(restarted));
        // And it goes on from there: the next sample is new, the last one before the stop is not.
        Assert.IsType<VideoCommands.SampleIgnored>(await Offer(restarted, At(4, 12_800)));
        Assert.IsType<VideoCommands.SampleAccepted>(await Offer(restarted, At(5, 12_900)));
    }

    [Fact]
    public async Task Should_stop_without_a_snapshot_when_too_few_events_came_since_the_last_one()
    {
        var video = StartVideoSnapshottingOnPassivation(after: 3);
        await Offer(video, At(0, 10_000));
        await Offer(video, At(1, 10_010));
        var before = await StateOf(video);

        await PassivateAsync(video);

        Assert.Equal(0, Scalar("select count(*) from snapshot where persistence_id = 'video-dQw4w9WgXcQ'"));
        Assert.Equal(before, await StateOf(StartVideoSnapshottingOnPassivation(after: 3)));
    }

    [Fact]
    public async Task Should_ignore_bad_samples_without_corrupting_state()
    {
        var video = StartVideo();
        await Offer(video, At(0, 10_000));

        var negative = Assert.IsType<VideoCommands.SampleIgnored>(await Offer(video, At(1, -5)));
        var future = Assert.IsType<VideoCommands.SampleIgnored>(await Offer(video, At(60 * 24 * 2, 20_000)));
        var duplicate = Assert.IsType<VideoCommands.SampleIgnored>(await Offer(video, At(0, 10_000)));

        Assert.Contains("negative", negative.Reason);
        Assert.Contains("future", future.Reason);
        Assert.Equal("duplicate sample", duplicate.Reason);
        var state = await StateOf(video);
        Assert.Equal(1, state.SampleCount);
        Assert.Equal(10_000, state.Latest!.ViewCount);
        Assert.Equal(1, Scalar("select count(*) from journal"));
    }

    [Fact]
    public async Task Should_answer_for_a_video_never_observed()
    {
        var state = await StateOf(StartVideo());
        Assert.False(state.HasSamples);
        Assert.Equal(0, Scalar("select count(*) from journal"));
    }

    private string ScalarText(string sql) => (string)Query(sql)!;
}
