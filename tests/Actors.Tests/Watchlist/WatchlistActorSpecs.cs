using Akka.Actor;
using YouTubeAnalytics.Actors.Persistence;
using YouTubeAnalytics.Actors.Tests.Support;
using YouTubeAnalytics.Actors.Watchlist;

namespace YouTubeAnalytics.Actors.Tests.Watchlist;

public sealed class WatchlistActorSpecs(ITestOutputHelper output) : JournalSpec(JournalProvider.Sqlite, output)
{
    private const string Playlist = "PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private IActorRef Start(params WatchTarget[] seeds) =>
        Sys.ActorOf(WatchlistActor.PropsFor(seeds, TimeProvider.System));

    private static Task<WatchlistQueries.WatchlistReply> Read(IActorRef actor) =>
        actor.Ask<WatchlistQueries.WatchlistReply>(WatchlistQueries.GetWatchlist.Instance, Timeout, Cancel);

    [Fact]
    public async Task Should_keep_runtime_changes_and_discoveries_across_a_restart_and_merge_seeds_once()
    {
        var first = Start(WatchTarget.Channel("@rickastleyyt"));
        await first.Ask<WatchlistCommands.WatchChanged>(new WatchlistCommands.AddWatch(WatchTarget.Playlist(Playlist)), Timeout, Cancel);
        await first.Ask<WatchlistCommands.WatchChanged>(new WatchlistCommands.AddWatch(WatchTarget.Video("dQw4w9WgXcQ")), Timeout, Cancel);
        await first.Ask<WatchlistCommands.DiscoveredRecorded>(
            new WatchlistCommands.RecordDiscovered(WatchTarget.Playlist(Playlist), ["jNQXAC9IVRw"], DateTimeOffset.UtcNow), Timeout, Cancel);
        await first.Ask<WatchlistCommands.WatchChanged>(new WatchlistCommands.RemoveWatch("dQw4w9WgXcQ"), Timeout, Cancel);
        await StopAsync(first);

        var second = Start(WatchTarget.Channel("@rickastleyyt"));
        var reply = await Read(second);

        Assert.Equal([WatchTarget.Channel("@rickastleyyt"), WatchTarget.Playlist(Playlist)], reply.Targets);
        Assert.Equal(["jNQXAC9IVRw"], reply.VideoIds);
        // The seed, the playlist and the video: the restart with the same seed added nothing.
        Assert.Equal(3, Scalar("SELECT COUNT(*) FROM journal WHERE persistence_id = 'watchlist' AND manifest = 'watchlist.watch-added.v1'"));
    }

    [Fact]
    public async Task Should_keep_a_new_upload_pending_across_a_restart_and_raise_no_alert_itself()
    {
        var actor = Start(WatchTarget.Playlist(Playlist));
        var discover = (IActorRef a, string[] ids) => a.Ask<WatchlistCommands.DiscoveredRecorded>(
            new WatchlistCommands.RecordDiscovered(WatchTarget.Playlist(Playlist), ids, DateTimeOffset.UtcNow), Timeout, Cancel);

        var baseline = await discover(actor, ["dQw4w9WgXcQ"]);
        Assert.Equal((1, 0), (baseline.NewVideos, baseline.NewUploads.Count));
        var found = await discover(actor, ["Ks-_Mh1QhMc", "dQw4w9WgXcQ"]);
        Assert.Equal(1, found.NewVideos);
        Assert.Equal(["Ks-_Mh1QhMc"], found.NewUploads);
        var again = await discover(actor, ["Ks-_Mh1QhMc", "dQw4w9WgXcQ"]);
        Assert.Equal((0, 0), (again.NewVideos, again.NewUploads.Count));
        Assert.Equal(["Ks-_Mh1QhMc"], (await Read(actor)).NewUploads);
        await StopAsync(actor);

        Assert.Equal(["Ks-_Mh1QhMc"], (await Read(Start(WatchTarget.Playlist(Playlist)))).NewUploads);
        // The video raises the alert at its first sample (issue 15): nothing in the watchlist's journal is tagged "alert".
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM journal WHERE persistence_id = 'watchlist' AND manifest = 'watchlist.new-upload-found.v1'"));
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM tags t JOIN journal j ON j.ordering = t.ordering_id WHERE t.tag = 'alert' AND j.persistence_id = 'watchlist'"));
    }

    [Fact]
    public async Task Should_journal_a_failing_target_with_its_reason_and_backoff_and_keep_it_across_a_restart()
    {
        var playlist = WatchTarget.Playlist(Playlist);
        var at = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
        var first = Start(playlist, WatchTarget.Video("dQw4w9WgXcQ"));
        var check = (IActorRef actor, string? reason, DateTimeOffset when) => actor.Ask<WatchlistCommands.TargetHealthRecorded>(
            new WatchlistCommands.RecordTargetHealth(playlist, reason, when), Timeout, Cancel);

        var once = (await check(first, "playlistNotFound (HTTP 404)", at)).Health;
        var twice = (await check(first, "playlistNotFound (HTTP 404)", at.AddMinutes(5))).Health;
        Assert.Equal(at.AddMinutes(5), once.RetryAt);
        Assert.Equal(at.AddMinutes(15), twice.RetryAt);   // the wait doubles
        await StopAsync(first);

        var second = Start(playlist, WatchTarget.Video("dQw4w9WgXcQ"));
        var kept = (await Read(second)).HealthOf(playlist);
        Assert.Equal(new TargetHealth(playlist, 2, "playlistNotFound (HTTP 404)", null, at, at.AddMinutes(15)), kept);
        Assert.Equal("failing", kept.State);

        var recovered = (await check(second, null, at.AddMinutes(15))).Health;
        var quiet = (await check(second, null, at.AddMinutes(45))).Health;     // within the hour: nothing journaled
        Assert.Equal("ok", recovered.State);
        Assert.Equal(at.AddMinutes(15), quiet.LastSuccessAt);
        Assert.Equal(3, Scalar("SELECT COUNT(*) FROM journal WHERE persistence_id = 'watchlist' AND manifest = 'watchlist.target-checked.v1'"));
    }

    [Fact]
    public async Task Should_read_a_journal_written_before_target_health_as_targets_with_no_health_yet()
    {
        // A watchlist journal of the release before target health: only watch-added and videos-discovered rows.
        var first = Start(WatchTarget.Playlist(Playlist));
        await first.Ask<WatchlistCommands.DiscoveredRecorded>(
            new WatchlistCommands.RecordDiscovered(WatchTarget.Playlist(Playlist), ["jNQXAC9IVRw"], DateTimeOffset.UtcNow), Timeout, Cancel);
        await StopAsync(first);
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM journal WHERE persistence_id = 'watchlist' AND manifest = 'watchlist.target-checked.v1'"));

        var reply = await Read(Start(WatchTarget.Playlist(Playlist)));

        Assert.Equal(["jNQXAC9IVRw"], reply.VideoIds);
        Assert.Empty(reply.Health);
        Assert.Equal("pending", reply.HealthOf(WatchTarget.Playlist(Playlist)).State);
    }
}
