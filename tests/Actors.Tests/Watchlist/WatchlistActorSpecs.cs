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
    public async Task Should_persist_a_new_upload_alert_once_tagged_for_the_notifier()
    {
        var actor = Start(WatchTarget.Playlist(Playlist));
        var discover = (string[] ids) => actor.Ask<WatchlistCommands.DiscoveredRecorded>(
            new WatchlistCommands.RecordDiscovered(WatchTarget.Playlist(Playlist), ids, DateTimeOffset.UtcNow), Timeout, Cancel);

        Assert.Equal(1, (await discover(["dQw4w9WgXcQ"])).NewVideos);          // baseline: no alert
        Assert.Equal(1, (await discover(["Ks-_Mh1QhMc", "dQw4w9WgXcQ"])).NewVideos);
        Assert.Equal(0, (await discover(["Ks-_Mh1QhMc", "dQw4w9WgXcQ"])).NewVideos);

        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM journal WHERE persistence_id = 'watchlist' AND manifest = 'watchlist.new-upload-found.v1'"));
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM tags t JOIN journal j ON j.ordering = t.ordering_id WHERE t.tag = 'alert' AND j.persistence_id = 'watchlist'"));
    }
}
