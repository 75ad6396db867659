using Akka.Actor;
using Microsoft.Extensions.Time.Testing;
using YouTubeAnalytics.Actors.Persistence;
using YouTubeAnalytics.Actors.ReadSide;
using YouTubeAnalytics.Actors.Retention;
using YouTubeAnalytics.Actors.Tests.Support;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Actors.Watchlist;
using static YouTubeAnalytics.Actors.Tests.Support.Samples;

namespace YouTubeAnalytics.Actors.Tests.Retention;

public sealed class RetentionSweepRuleSpecs
{
    [Fact]
    public void Should_wake_only_the_videos_of_the_journal_that_are_no_longer_watched()
    {
        var unwatched = RetentionSweep.Unwatched(
            ["video-dQw4w9WgXcQ", "video-jNQXAC9IVRw", "watchlist", "channel-UCuAXFkgsw1L7xaCfnd5JJOw", "video-not-an-id", "alert-notifier"],
            new HashSet<string>(["dQw4w9WgXcQ"], StringComparer.Ordinal));

        Assert.Equal(["jNQXAC9IVRw"], unwatched);
    }

    [Fact]
    public void Should_decide_what_retention_asks_of_a_video()
    {
        var cutoff = T0.AddDays(-30);
        var state = VideoState.Empty(Id);
        Assert.Equal(HistoryExpiry.Nothing, state.ExpiryAt(cutoff));
        state = state.Apply(new VideoEvents.SampleRecorded(At(-40 * 24 * 60, 10)));
        Assert.Equal(HistoryExpiry.Forget, state.ExpiryAt(cutoff));
        state = state.Apply(new VideoEvents.SampleRecorded(At(0, 20)));
        Assert.Equal(HistoryExpiry.Prune, state.ExpiryAt(cutoff));
        Assert.False(state.Apply(new VideoEvents.HistoryForgotten(T0, cutoff)).HasSamples);
    }
}

/// <summary>The sweep on a real SQLite journal, the real watchlist and real VideoActors (behind a stand-in for the region).</summary>
public sealed class RetentionSweepSpecs(ITestOutputHelper output) : JournalSpec(JournalProvider.Sqlite, output)
{
    private const string Watched = "dQw4w9WgXcQ";
    private const string Unwatched = "jNQXAC9IVRw";
    private const int FortyDaysAgo = -40 * 24 * 60;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _clock = new(T0.AddDays(1));
    private readonly RecordingReadSide _readSide = new();
    private readonly RecordingRetention _retention = new();

    /// <summary>Routes a video command to that video's actor, as the "video" region does.</summary>
    private sealed class Videos : ReceiveActor
    {
        public Videos(VideoActorSettings settings, ILatestStatsWriter readSide, TimeProvider clock) =>
            Receive<IVideoCommand>(c =>
            {
                var child = Context.Child(c.VideoId);
                if (child.IsNobody())
                    child = Context.ActorOf(VideoActor.PropsFor(c.VideoId, settings, readSide, clock), c.VideoId);
                child.Forward(c);
            });
    }

    private sealed class RecordingRetention : IReadSideRetention
    {
        public List<DateTimeOffset> Cutoffs { get; } = [];

        public Task<int> RemoveExpiredAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
        {
            lock (Cutoffs) Cutoffs.Add(cutoff);
            return Task.FromResult(3);
        }
    }

    private long SamplesOf(string id) =>
        Scalar($"SELECT COUNT(*) FROM journal WHERE persistence_id = 'video-{id}' AND manifest = 'video.sample-recorded.v1' AND deleted = 0");

    [Fact]
    public async Task Should_make_a_video_no_longer_watched_obey_the_retention_and_leave_a_watched_one_alone()
    {
        var settings = VideoActorSettings.Default with { Retention = TimeSpan.FromDays(30), SnapshotEvery = 100 };
        var videos = Sys.ActorOf(Props.Create(() => new Videos(settings, _readSide, _clock)));
        var watchlist = Sys.ActorOf(WatchlistActor.PropsFor([WatchTarget.Video(Watched)], _clock));
        foreach (var id in new[] { Watched, Unwatched })
            for (var i = 0; i < 3; i++)
                await videos.Ask<VideoCommands.SampleAccepted>(new VideoCommands.RecordSample(At(FortyDaysAgo + i, 100 + i, videoId: id)), Timeout, Cancel);
        var sweep = Sys.ActorOf(RetentionSweepActor.PropsFor(
            new RetentionSweepSettings(TimeSpan.FromDays(1), TimeSpan.FromDays(30), TimeSpan.FromMinutes(5)), watchlist, videos, _retention, _clock));

        var report = await sweep.Ask<RetentionSweepReport>(RetentionSweepActor.SweepNow.Instance, Timeout, Cancel);

        Assert.Equal(new RetentionSweepReport(VideosInJournal: 2, Unwatched: 1, Pruned: 0, Forgotten: 1, ReadSideRemoved: 3), report);
        Assert.Equal([_clock.GetUtcNow() - TimeSpan.FromDays(30)], _retention.Cutoffs);
        await AwaitAssertAsync(() => Assert.Equal(0, SamplesOf(Unwatched)), Timeout, cancellationToken: Cancel);
        Assert.Equal(3, SamplesOf(Watched)); // a watched video prunes at its own snapshots, as it is sampled
        YouTubeAnalytics.Testing.ReliabilityFigures.Record("partial failures",
            "retention sweep, video no longer watched, every sample 40 days old (History:Retention 30 days): samples deleted", 3, 3 - SamplesOf(Unwatched), SamplesOf(Unwatched), 0);
        YouTubeAnalytics.Testing.ReliabilityFigures.Record("partial failures",
            "retention sweep: samples of the watched video beside it kept (it prunes at its own snapshots)", 3, SamplesOf(Watched), 3 - SamplesOf(Watched), 0);
    }

    [Fact]
    public async Task Should_sweep_nothing_while_the_wall_clock_disagrees_with_the_reference()
    {
        var clock = new Tests.Resilience.JumpingClock(new FakeTimeProvider(T0.AddDays(1)));
        var settings = VideoActorSettings.Default with { Retention = TimeSpan.FromDays(30), SnapshotEvery = 100 };
        var videos = Sys.ActorOf(Props.Create(() => new Videos(settings, _readSide, clock)));
        var watchlist = Sys.ActorOf(WatchlistActor.PropsFor([], clock));
        await videos.Ask<VideoCommands.SampleAccepted>(new VideoCommands.RecordSample(At(0, 100, videoId: Unwatched)), Timeout, Cancel);
        var sweep = Sys.ActorOf(RetentionSweepActor.PropsFor(
            new RetentionSweepSettings(TimeSpan.FromDays(1), TimeSpan.FromDays(30), TimeSpan.FromMinutes(5)), watchlist, videos, _retention, clock));
        Assert.Equal(0, (await sweep.Ask<RetentionSweepReport>(RetentionSweepActor.SweepNow.Instance, Timeout, Cancel)).Forgotten);

        clock.Jump = TimeSpan.FromDays(40); // the sample would look 40 days old
        var report = await sweep.Ask<RetentionSweepReport>(RetentionSweepActor.SweepNow.Instance, Timeout, Cancel);

        Assert.True(report.ClockDisagreed);
        Assert.Single(_retention.Cutoffs); // the first sweep's only
        Assert.Equal(1, SamplesOf(Unwatched));
        YouTubeAnalytics.Testing.ReliabilityFigures.Record("partial failures",
            "retention sweep while the wall clock is 40 days ahead of the reference: samples kept", 1, SamplesOf(Unwatched), 1 - SamplesOf(Unwatched), 0);
    }
}
