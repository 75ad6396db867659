using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Videos;
using static YouTubeAnalytics.Actors.Tests.Live.LiveBroadcastSpecs;
using static YouTubeAnalytics.Actors.Tests.Support.Samples;

namespace YouTubeAnalytics.Actors.Tests.Live;

/// <summary>An upcoming stream is not a new upload until it goes live: which sample of a new video announces it.</summary>
public sealed class NewUploadDeferralSpecs
{
    private static readonly DateTimeOffset Now = T0.AddDays(1);

    private static VideoStatsObserved OnAir(int minute) => At(minute, 100 + minute) with
    {
        LiveBroadcastContent = LiveBroadcastContents.Live,
        ConcurrentViewers = 40,
        ActualStartTime = T0.AddMinutes(minute - 1),
    };

    /// <summary>The samples, in order, that the video's state says announce it as a new upload (each applied after it is asked).</summary>
    private static List<int> Announcing(params VideoStatsObserved[] samples)
    {
        var state = VideoState.Empty(Id);
        var announcing = new List<int>();
        for (var i = 0; i < samples.Length; i++)
        {
            if (state.AnnouncesNewUpload(samples[i]))
                announcing.Add(i);
            if (state.Process(samples[i], AlertSettings.Default, Now) is SampleDecision.Accept accept)
                foreach (var e in accept.Events)
                    state = state.Apply(e);
        }
        return announcing;
    }

    [Fact]
    public void Should_announce_an_ordinary_upload_at_its_first_sample_only()
    {
        Assert.Equal([0], Announcing(At(0, 10), At(5, 20), At(10, 30)));
        Assert.Equal([0], Announcing(At(0, 10) with { LiveBroadcastContent = LiveBroadcastContents.None }, At(5, 20)));
    }

    [Fact]
    public void Should_not_announce_an_upcoming_stream_until_it_goes_live()
    {
        Assert.Equal([3], Announcing(Upcoming(0), Upcoming(1), Upcoming(2), OnAir(3), OnAir(4), OnAir(5)));
    }

    [Fact]
    public void Should_announce_a_stream_already_on_air_at_its_first_sample()
    {
        Assert.Equal([0], Announcing(OnAir(0), OnAir(1)));
    }

    [Fact]
    public void Should_announce_an_upcoming_stream_that_was_never_seen_live_once_it_is_no_longer_upcoming()
    {
        // A premiere cancelled or turned into an ordinary video: the first sample that is not upcoming announces it.
        Assert.Equal([2], Announcing(Upcoming(0), Upcoming(1), At(2, 50) with { LiveBroadcastContent = LiveBroadcastContents.None }, At(3, 60)));
    }

    [Fact]
    public void Should_not_let_a_stale_sample_announce_an_upcoming_stream()
    {
        var state = VideoState.Empty(Id);
        state = state.Apply(((SampleDecision.Accept)state.Process(Upcoming(10), AlertSettings.Default, Now)).Events[0]);

        Assert.False(state.AnnouncesNewUpload(At(5, 1)));
        Assert.False(state.AnnouncesNewUpload(Upcoming(11)));
        Assert.True(state.AnnouncesNewUpload(OnAir(11)));
    }
}
