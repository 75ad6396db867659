using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Actors.Watchlist;
using static YouTubeAnalytics.Actors.Tests.Support.Samples;

namespace YouTubeAnalytics.Actors.Tests.Watchlist;

public sealed class WatchlistStateSpecs
{
    private static readonly WatchTarget Playlist = WatchTarget.Playlist("PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf");
    private static readonly WatchTarget Channel = WatchTarget.Channel("UCuAXFkgsw1L7xaCfnd5JJOw");

    private static WatchlistState Fold(WatchlistState state, IEnumerable<object> events) =>
        events.Aggregate(state, (s, e) => s.Apply(WatchlistState.Upcast(e)!));

    [Fact]
    public void Should_announce_a_new_upload_once_even_after_its_collection_was_removed()
    {
        var state = Fold(WatchlistState.Empty, WatchlistState.Empty.Add(Playlist, T0));
        state = Fold(state, state.Discover(Playlist, ["dQw4w9WgXcQ"], T0));
        var found = state.Discover(Playlist, ["jNQXAC9IVRw"], T0);
        Assert.Equal("jNQXAC9IVRw", Assert.Single(found.OfType<WatchlistEvents.NewUploadFound>()).Alert.VideoId);
        state = Fold(state, found);

        state = Fold(state, state.Remove(Playlist.Id, T0).Concat(state.Add(Channel, T0)));
        state = Fold(state, state.Discover(Channel, ["dQw4w9WgXcQ"], T0));
        var later = state.Discover(Channel, ["jNQXAC9IVRw", "Ks-_Mh1QhMc"], T0);

        Assert.Equal(["Ks-_Mh1QhMc"], later.OfType<WatchlistEvents.NewUploadFound>().Select(n => n.Alert.VideoId));
    }

    [Fact]
    public void Should_upcast_the_old_video_alert_raised_row_to_a_new_upload_and_keep_today_s_events()
    {
        var alert = WatchlistState.NewVideoAlert(Playlist, "jNQXAC9IVRw", T0);

        var upcast = Assert.IsType<WatchlistEvents.NewUploadFound>(WatchlistState.Upcast(new VideoEvents.AlertRaised(alert)));
        var current = new WatchlistEvents.WatchAdded(Playlist, T0);

        Assert.Same(alert, upcast.Alert);
        Assert.Same(current, WatchlistState.Upcast(current));
        Assert.Null(WatchlistState.Upcast(new VideoEvents.SampleRecorded(At(0, 1))));
        Assert.Contains("jNQXAC9IVRw", WatchlistState.Empty.Apply(upcast).Announced);
    }
}
