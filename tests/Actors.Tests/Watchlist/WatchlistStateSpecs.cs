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

    private static IReadOnlyList<string> NewUploadsIn(IEnumerable<object> events) =>
        [.. events.OfType<WatchlistEvents.VideosDiscovered>().SelectMany(d => d.NewUploads)];

    [Fact]
    public void Should_find_a_new_upload_once_even_after_its_collection_was_removed()
    {
        var state = Fold(WatchlistState.Empty, WatchlistState.Empty.Add(Playlist, T0));
        var baseline = state.Discover(Playlist, ["dQw4w9WgXcQ"], T0);
        Assert.Empty(NewUploadsIn(baseline)); // the first expansion is the baseline
        state = Fold(state, baseline);
        var found = state.Discover(Playlist, ["jNQXAC9IVRw"], T0);
        Assert.Equal(["jNQXAC9IVRw"], NewUploadsIn(found));
        Assert.Empty(found.OfType<WatchlistEvents.NewUploadFound>()); // no alert at discovery: the video raises it
        state = Fold(state, found);

        state = Fold(state, state.Remove(Playlist.Id, T0).Concat(state.Add(Channel, T0)));
        state = Fold(state, state.Discover(Channel, ["dQw4w9WgXcQ"], T0));
        var later = state.Discover(Channel, ["jNQXAC9IVRw", "Ks-_Mh1QhMc"], T0);

        Assert.Equal(["Ks-_Mh1QhMc"], NewUploadsIn(later));
    }

    [Fact]
    public void Should_report_a_new_upload_as_pending_while_watched_and_within_the_window()
    {
        var state = Fold(WatchlistState.Empty, WatchlistState.Empty.Add(Playlist, T0));
        state = Fold(state, state.Discover(Playlist, ["dQw4w9WgXcQ"], T0));
        state = Fold(state, state.Discover(Playlist, ["jNQXAC9IVRw"], T0.AddHours(1)));

        Assert.Equal(["jNQXAC9IVRw"], state.NewUploadsAt(T0.AddHours(2)));
        Assert.Equal(["jNQXAC9IVRw"], state.NewUploadsAt(T0.AddHours(1) + WatchlistState.PendingUploadWindow - TimeSpan.FromSeconds(1)));
        Assert.Empty(state.NewUploadsAt(T0.AddHours(1) + WatchlistState.PendingUploadWindow)); // an upload never sampled is let go

        // A later expansion past the window forgets it for good; a removed collection's pending uploads are not reported.
        var much = T0.AddHours(1) + WatchlistState.PendingUploadWindow;
        Assert.DoesNotContain("jNQXAC9IVRw", Fold(state, state.Discover(Playlist, ["Ks-_Mh1QhMc"], much)).PendingUploads.Keys);
        Assert.Empty(Fold(state, state.Remove(Playlist.Id, T0)).NewUploadsAt(T0.AddHours(2)));
    }

    [Fact]
    public void Should_not_find_again_an_upload_announced_by_an_old_discovery_time_row()
    {
        var state = Fold(WatchlistState.Empty, WatchlistState.Empty.Add(Channel, T0));
        state = Fold(state, state.Discover(Channel, ["dQw4w9WgXcQ"], T0));
        state = state.Apply(WatchlistState.Upcast(new VideoEvents.AlertRaised(WatchlistState.NewVideoAlert(Playlist, "jNQXAC9IVRw", T0)))!);

        Assert.Empty(NewUploadsIn(state.Discover(Channel, ["jNQXAC9IVRw"], T0)));
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
