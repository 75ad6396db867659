using System.Security.Cryptography;
using System.Text;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Live;
using YouTubeAnalytics.Actors.Videos;
using static YouTubeAnalytics.Actors.Tests.Support.Samples;

namespace YouTubeAnalytics.Actors.Tests.Videos;

/// <summary>
/// Issue 15: the "new:video" alert comes from the video at the sample that announces it (flagged by the watchlist as a
/// new upload), so it carries the title, the channel and the first counts; once, under an id that depends on the video alone.
/// </summary>
public sealed class NewUploadAlertSpecs
{
    private static readonly DateTimeOffset Now = T0.AddDays(1);

    private static VideoStatsObserved Flagged(VideoStatsObserved sample) => sample with { NewUpload = true };

    private static (VideoState State, List<Alert> Alerts) Run(params VideoStatsObserved[] samples)
    {
        var state = VideoState.Empty(Id);
        var alerts = new List<Alert>();
        foreach (var sample in samples)
        {
            var accept = Assert.IsType<SampleDecision.Accept>(state.Process(sample, AlertSettings.Default, Now));
            foreach (var e in accept.Events)
            {
                state = state.Apply(e);
                if (e is VideoEvents.AlertRaised raised)
                    alerts.Add(raised.Alert);
            }
        }
        return (state, alerts);
    }

    [Fact]
    public void Should_raise_the_new_upload_alert_with_title_channel_and_first_counts_at_a_flagged_first_sample()
    {
        var first = Flagged(At(0, 1_234, likes: 56, comments: 7) with { PublishedAt = T0.AddMinutes(-20) });

        var alert = Assert.Single(Run(first).Alerts);

        Assert.Equal("Never Gonna Give You Up", alert.Title);
        Assert.Equal("Rick Astley", alert.ChannelTitle);
        Assert.Equal("UCuAXFkgsw1L7xaCfnd5JJOw", alert.ChannelId);
        Assert.Equal((1_234L, 56L, 7L), (alert.ViewCount, alert.LikeCount!.Value, alert.CommentCount!.Value));
        var breach = Assert.Single(alert.Breaches);
        Assert.Equal((NewUploadRule.Rule, 1_234L, TimeSpan.FromMinutes(20)), (breach.Rule, breach.Current, breach.Window));
        var expectedId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"new:video|{Id}")), 0, 10);
        Assert.Equal(expectedId, alert.AlertId);
    }

    [Fact]
    public void Should_raise_no_alert_at_a_first_sample_that_is_not_a_new_upload()
    {
        Assert.Empty(Run(At(0, 1_234)).Alerts);
    }

    [Fact]
    public void Should_announce_once_though_every_later_sample_is_flagged_and_keep_the_other_rules_quiet_at_first()
    {
        // Views past a milestone at the first sample: the first sample is a baseline for every other rule.
        var (state, alerts) = Run(Flagged(At(0, 5_000)), Flagged(At(5, 5_010)), Flagged(At(10, 5_020)));

        Assert.Equal([NewUploadRule.Rule], alerts.SelectMany(a => a.Breaches).Select(b => b.Rule));
        Assert.False(state.AnnouncesNewUpload(Flagged(At(15, 5_030))));
    }

    [Fact]
    public void Should_keep_the_same_alert_id_whenever_and_wherever_it_is_raised()
    {
        var one = Assert.Single(Run(Flagged(At(0, 10))).Alerts);
        var other = Assert.Single(Run(Flagged(At(42, 99_999))).Alerts);

        Assert.Equal(one.AlertId, other.AlertId);
        Assert.Equal(NewUploadRule.AlertIdFor(Id), one.AlertId);
        // The watchlist's old discovery-time alert carried the same id: an upload announced by old code is not delivered again.
        Assert.Equal(one.AlertId, Actors.Watchlist.WatchlistState.NewVideoAlert(Actors.Watchlist.WatchTarget.Playlist("PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf"), Id, T0).AlertId);
    }

    [Fact]
    public void Should_not_announce_an_upcoming_stream_until_it_goes_live_then_in_one_alert_with_its_start()
    {
        var upcoming = At(0, 0) with { LiveBroadcastContent = LiveBroadcastContents.Upcoming };
        var onAir = At(10, 300) with
        {
            LiveBroadcastContent = LiveBroadcastContents.Live,
            ConcurrentViewers = 120,
            ActualStartTime = T0.AddMinutes(9),
        };

        var (state, alerts) = Run(Flagged(upcoming), Flagged(upcoming with { ObservedAt = T0.AddMinutes(5) }), Flagged(onAir),
            Flagged(onAir with { ObservedAt = T0.AddMinutes(11), ConcurrentViewers = 150 }));

        var alert = Assert.Single(alerts);
        Assert.Equal([NewUploadRule.Rule, LiveBroadcast.StartedRule], alert.Breaches.Select(b => b.Rule));
        Assert.Equal(NewUploadRule.AlertIdFor(Id), alert.AlertId);
        Assert.Equal(300, alert.ViewCount);
        Assert.True(state.Live!.StartAnnounced); // the start went out with the upload: not announced again
    }
}
