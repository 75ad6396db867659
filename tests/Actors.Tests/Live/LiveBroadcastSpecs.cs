using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Live;
using YouTubeAnalytics.Actors.Videos;
using static YouTubeAnalytics.Actors.Tests.Support.Samples;

namespace YouTubeAnalytics.Actors.Tests.Live;

/// <summary>The live rules through the video's pure state: upcoming → live → ended, one go-live, the peak kept.</summary>
public sealed class LiveBroadcastSpecs
{
    private static readonly DateTimeOffset Start = T0.AddMinutes(10);
    private static readonly DateTimeOffset Now = T0.AddDays(1);

    internal static VideoStatsObserved Upcoming(int minute) => At(minute, 0) with { LiveBroadcastContent = LiveBroadcastContents.Upcoming };

    private static VideoStatsObserved OnAir(int minute, long? viewers, DateTimeOffset? start = null) => At(minute, 1_000 + minute) with
    {
        LiveBroadcastContent = LiveBroadcastContents.Live,
        ConcurrentViewers = viewers,
        ActualStartTime = start ?? Start,
    };

    private static VideoStatsObserved Ended(int minute) => At(minute, 5_000) with
    {
        LiveBroadcastContent = LiveBroadcastContents.None,
        ActualStartTime = Start,
        ActualEndTime = T0.AddMinutes(minute - 1),
    };

    private static (VideoState State, List<Alert> Alerts) Run(VideoState state, params VideoStatsObserved[] samples)
    {
        var alerts = new List<Alert>();
        var seq = state.SampleCount;
        foreach (var sample in samples)
        {
            if (state.Process(sample, AlertSettings.Default, Now) is not SampleDecision.Accept accept)
                continue;
            foreach (var e in accept.Events)
            {
                state = state.Apply(e, ++seq);
                if (e is VideoEvents.AlertRaised raised)
                    alerts.Add(raised.Alert);
            }
        }
        return (state, alerts);
    }

    private static IEnumerable<string> Rules(IEnumerable<Alert> alerts) => alerts.SelectMany(a => a.Breaches).Select(b => b.Rule)
        .Where(r => r.StartsWith("live:", StringComparison.Ordinal));

    [Fact]
    public void Should_raise_one_go_live_alert_and_report_the_peak_when_the_stream_ends()
    {
        var (state, alerts) = Run(VideoState.Empty(Id),
            Upcoming(0), Upcoming(5), OnAir(11, 120), OnAir(12, 900), OnAir(13, 450), Ended(20), Ended(25));

        Assert.Equal([LiveBroadcast.StartedRule, LiveBroadcast.EndedRule], Rules(alerts));
        var started = alerts.Single(a => a.Breaches[0].Rule == LiveBroadcast.StartedRule);
        Assert.Equal(120, started.Breaches[0].Current);
        Assert.Equal(Metric.Viewers, started.Breaches[0].Metric);
        Assert.Equal("UCuAXFkgsw1L7xaCfnd5JJOw", started.ChannelId);
        var ended = alerts.Single(a => a.Breaches[0].Rule == LiveBroadcast.EndedRule).Breaches[0];
        Assert.Equal(900, ended.Current);
        Assert.Equal(TimeSpan.FromMinutes(9), ended.Window); // actualStartTime to actualEndTime
        Assert.Equal(900, state.Live!.PeakViewers);
        Assert.Equal(T0.AddMinutes(12), state.Live.PeakAt);
        Assert.True(state.Live.StartAnnounced && state.Live.EndAnnounced);
    }

    [Fact]
    public void Should_not_announce_an_upcoming_stream_nor_one_already_live_when_first_seen()
    {
        Assert.Empty(Rules(Run(VideoState.Empty(Id), Upcoming(0), Upcoming(5), Upcoming(9)).Alerts));
        // The first sample is a baseline: a stream already on air is not news of a go-live.
        var (state, alerts) = Run(VideoState.Empty(Id), OnAir(11, 50), OnAir(12, 70));
        Assert.Empty(Rules(alerts));
        Assert.Equal(70, state.Live!.PeakViewers);
    }

    [Fact]
    public void Should_announce_the_go_live_once_even_if_the_stream_flaps_back_to_upcoming()
    {
        var (_, alerts) = Run(VideoState.Empty(Id), Upcoming(0), OnAir(11, 10), Upcoming(12), OnAir(13, 20));
        Assert.Equal([LiveBroadcast.StartedRule], Rules(alerts));
    }

    [Fact]
    public void Should_keep_the_peak_when_viewers_are_not_reported_and_ignore_a_missing_count()
    {
        var (state, _) = Run(VideoState.Empty(Id), Upcoming(0), OnAir(11, 300), OnAir(12, null), OnAir(13, 200));
        Assert.Equal(300, state.Live!.PeakViewers);
    }

    [Fact]
    public void Should_end_a_broadcast_that_turns_to_none_without_an_end_time()
    {
        var (_, alerts) = Run(VideoState.Empty(Id), Upcoming(0), OnAir(11, 40),
            At(20, 3_000) with { LiveBroadcastContent = LiveBroadcastContents.None });
        Assert.Equal([LiveBroadcast.StartedRule, LiveBroadcast.EndedRule], Rules(alerts));
    }

    [Fact]
    public void Should_report_no_end_for_a_recording_never_seen_live()
    {
        var (state, alerts) = Run(VideoState.Empty(Id), Ended(30), Ended(35));
        Assert.Empty(Rules(alerts));
        Assert.Null(state.Live);
    }

    [Fact]
    public void Should_keep_the_peak_and_the_announcements_when_recovered_from_a_snapshot_taken_mid_stream()
    {
        var (midStream, first) = Run(VideoState.Empty(Id), Upcoming(0), OnAir(11, 800), OnAir(12, 300));
        Assert.Single(Rules(first));
        // The actor restarts from its snapshot (the state) and goes on: no second go-live, the peak survives.
        var (state, after) = Run(midStream, OnAir(13, 500), Ended(20));
        Assert.Equal([LiveBroadcast.EndedRule], Rules(after));
        Assert.Equal(800, after.Single().Breaches[0].Current);
        Assert.Equal(800, state.Live!.PeakViewers);
    }
}
