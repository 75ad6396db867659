using System.Collections.Immutable;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Tests.Support;
using YouTubeAnalytics.Actors.Videos;
using static YouTubeAnalytics.Actors.Tests.Support.Samples;

namespace YouTubeAnalytics.Actors.Tests.Videos;

public sealed class VideoStateSpecs
{
    private static readonly AlertSettings Settings = AlertSettings.Default;
    private static readonly DateTimeOffset Now = T0.AddDays(1);

    /// <summary>Offers the samples in order, applying what is accepted; returns the final state and every event.</summary>
    private static (VideoState State, List<IVideoEvent> Events, List<string> Ignored) Run(
        params VideoStatsObserved[] samples) => Run(Settings, samples);

    private static (VideoState State, List<IVideoEvent> Events, List<string> Ignored) Run(
        AlertSettings settings, params VideoStatsObserved[] samples)
    {
        var state = VideoState.Empty(Id);
        var events = new List<IVideoEvent>();
        var ignored = new List<string>();
        foreach (var sample in samples)
        {
            switch (state.Process(sample, settings, Now))
            {
                case SampleDecision.Accept accept:
                    foreach (var e in accept.Events)
                    {
                        state = state.Apply(e);
                        events.Add(e);
                    }
                    break;
                case SampleDecision.Ignore ignore:
                    ignored.Add(ignore.Reason);
                    break;
            }
        }
        return (state, events, ignored);
    }

    private static List<Alert> Alerts(IEnumerable<IVideoEvent> events) =>
        events.OfType<VideoEvents.AlertRaised>().Select(a => a.Alert).ToList();

    [Fact]
    public void Should_raise_no_alert_on_first_sample_and_take_it_as_baseline()
    {
        var (state, events, _) = Run(At(0, 50_000, likes: 2_000, comments: 300));

        Assert.Single(events);
        Assert.IsType<VideoEvents.SampleRecorded>(events[0]);
        Assert.Equal(new MetricBaseline(50_000, T0), state.ViewsBaseline);
        Assert.Equal(new MetricBaseline(2_000, T0), state.LikesBaseline);
        Assert.Equal(new MetricBaseline(300, T0), state.CommentsBaseline);
        Assert.Equal(1, state.SampleCount);
    }

    [Fact]
    public void Should_not_alert_below_the_threshold()
    {
        var (_, events, _) = Run(At(0, 10_000), At(5, 10_499));
        Assert.Empty(Alerts(events));
    }

    [Fact]
    public void Should_alert_at_the_threshold_with_deltas_and_window()
    {
        var (state, events, _) = Run(At(0, 10_000), At(180, 10_500));

        var alert = Assert.Single(Alerts(events));
        var breach = Assert.Single(alert.Breaches);
        Assert.Equal("change:views:5%", breach.Rule);
        Assert.Equal(Metric.Views, breach.Metric);
        Assert.Equal(10_000, breach.Previous);
        Assert.Equal(10_500, breach.Current);
        Assert.Equal(500, breach.DeltaAbs);
        Assert.Equal(5.00m, breach.DeltaPct);
        Assert.Equal(TimeSpan.FromHours(3), breach.Window);
        Assert.Equal(new MetricBaseline(10_500, T0.AddMinutes(180)), state.ViewsBaseline);
    }

    [Fact]
    public void Should_measure_change_from_the_last_alert_baseline_not_the_previous_sample()
    {
        // +3% and +3% again: 6.09% since the baseline, although neither step reached 5%.
        var (_, events, _) = Run(At(0, 10_000), At(1, 10_300), At(2, 10_609));

        var alert = Assert.Single(Alerts(events));
        Assert.Equal(T0.AddMinutes(2), alert.ObservedAt);
        Assert.Equal(10_000, alert.Breaches.Single().Previous);
    }

    [Fact]
    public void Should_reset_only_the_breached_metrics_baseline_after_an_alert()
    {
        var (state, _, _) = Run(At(0, 10_000, likes: 1_000), At(1, 10_600, likes: 1_030));

        Assert.Equal(10_600, state.ViewsBaseline!.Value);
        Assert.Equal(1_000, state.LikesBaseline!.Value); // likes moved 3%: still measured from the first sample
    }

    [Fact]
    public void Should_honour_a_configured_threshold()
    {
        var strict = Settings with { ChangeThresholdPercent = 1.5m };
        var (_, events, _) = Run(strict, At(0, 10_000), At(1, 10_150));

        Assert.Equal("change:views:1.5%", Assert.Single(Alerts(events)).Breaches.Single().Rule);
    }

    [Fact]
    public void Should_watch_likes_and_comments_too()
    {
        var (_, events, _) = Run(At(0, 10_000, likes: 1_000, comments: 100), At(1, 10_100, likes: 1_100, comments: 120));

        var rules = Assert.Single(Alerts(events)).Breaches.Select(b => b.Rule).ToArray();
        Assert.Equal(["change:likes:5%", "change:comments:5%"], rules);
    }

    [Fact]
    public void Should_raise_one_alert_for_several_breaches_of_one_sample()
    {
        var (_, events, _) = Run(At(0, 990_000, likes: 1_000), At(1, 1_050_000, likes: 2_000));

        var alert = Assert.Single(Alerts(events));
        Assert.Equal(["change:views:5%", "change:likes:5%", "milestone:views:1000000"], alert.Breaches.Select(b => b.Rule));
    }

    [Fact]
    public void Should_raise_no_alert_on_a_negative_delta_and_keep_the_baseline()
    {
        var (state, events, _) = Run(At(0, 10_000), At(1, 8_000), At(2, 10_400));

        Assert.Empty(Alerts(events));
        Assert.Equal(new MetricBaseline(10_000, T0), state.ViewsBaseline);
    }

    [Fact]
    public void Should_treat_a_missing_field_as_missing_not_zero()
    {
        // Likes hidden, then shown again: no "+100%" from an imagined zero, and the old baseline still holds.
        var (state, events, _) = Run(At(0, 10_000, likes: 1_000), At(1, 10_010, likes: null), At(2, 10_020, likes: 1_020));

        Assert.Empty(Alerts(events));
        Assert.Equal(1_000, state.LikesBaseline!.Value);
    }

    [Fact]
    public void Should_take_the_first_value_of_a_field_that_was_missing_as_its_baseline()
    {
        var (state, events, _) = Run(At(0, 10_000, comments: null), At(1, 10_010, comments: 50), At(2, 10_020, comments: 51));

        Assert.Empty(Alerts(events));
        Assert.Equal(new MetricBaseline(50, T0.AddMinutes(1)), state.CommentsBaseline);
    }

    [Fact]
    public void Should_not_compute_a_percentage_from_a_zero_baseline()
    {
        var (state, events, _) = Run(At(0, 10_000, comments: 0), At(1, 10_010, comments: 4), At(2, 10_020, comments: 4));

        Assert.Empty(Alerts(events));
        Assert.Equal(4, state.CommentsBaseline!.Value); // re-based at the first non-zero count
    }

    [Fact]
    public void Should_report_a_view_milestone_once()
    {
        var (_, events, _) = Run(At(0, 99_000), At(1, 100_200), At(2, 99_900), At(3, 100_300));

        var alert = Assert.Single(Alerts(events));
        var milestone = alert.Breaches.Single(b => b.Milestone is not null);
        Assert.Equal("milestone:views:100000", milestone.Rule);
        Assert.Equal(100_000, milestone.Milestone);
    }

    [Fact]
    public void Should_report_only_the_highest_milestone_passed_at_once()
    {
        var (_, events, _) = Run(At(0, 900), At(1, 12_000));

        var rules = Assert.Single(Alerts(events)).Breaches.Select(b => b.Rule);
        Assert.Contains("milestone:views:10000", rules);
        Assert.DoesNotContain("milestone:views:1000", rules);
    }

    [Fact]
    public void Should_not_report_milestones_already_passed_at_the_first_sample()
    {
        var (_, events, _) = Run(At(0, 5_000_000), At(1, 5_000_100));
        Assert.Empty(Alerts(events));
    }

    [Fact]
    public void Should_ignore_a_duplicate_sample()
    {
        var (state, events, ignored) = Run(At(0, 10_000), At(1, 11_000), At(1, 11_000));

        Assert.Single(Alerts(events));
        Assert.Equal(2, state.SampleCount);
        Assert.Equal(["duplicate sample"], ignored);
    }

    [Fact]
    public void Should_ignore_a_sample_older_than_the_latest()
    {
        var (state, events, ignored) = Run(At(0, 10_000), At(10, 10_100), At(5, 20_000));

        Assert.Empty(Alerts(events));
        Assert.Equal(10_100, state.Latest!.ViewCount);
        Assert.Equal(["sample older than the latest one"], ignored);
    }

    [Fact]
    public void Should_end_in_the_same_state_whatever_the_delivery_order_of_stale_copies()
    {
        var inOrder = Run(At(0, 10_000), At(1, 10_200), At(2, 10_700)).State;
        var withReplays = Run(At(0, 10_000), At(0, 10_000), At(1, 10_200), At(0, 10_000), At(2, 10_700), At(1, 10_200)).State;

        Assert.Equal(inOrder, withReplays);
    }

    [Fact]
    public void Should_ignore_a_sample_from_the_future()
    {
        var state = VideoState.Empty(Id);
        var decision = state.Process(At(0, 10_000), Settings, now: T0.AddMinutes(-10));

        var ignore = Assert.IsType<SampleDecision.Ignore>(decision);
        Assert.Contains("future", ignore.Reason);
        Assert.True(ignore.IsSuspicious);
    }

    [Fact]
    public void Should_accept_a_sample_within_clock_skew_tolerance()
    {
        var decision = VideoState.Empty(Id).Process(At(0, 10_000), Settings, now: T0.AddMinutes(-4));
        Assert.IsType<SampleDecision.Accept>(decision);
    }

    [Fact]
    public void Should_ignore_negative_counts()
    {
        var (state, _, _) = Run(At(0, 10_000));
        var decision = state.Process(At(1, -5), Settings, Now);

        Assert.Contains("negative", Assert.IsType<SampleDecision.Ignore>(decision).Reason);
    }

    [Fact]
    public void Should_ignore_a_sample_for_another_video()
    {
        var decision = VideoState.Empty(Id).Process(At(0, 1, videoId: "aaaaaaaaaaa"), Settings, Now);
        Assert.Contains("aaaaaaaaaaa", Assert.IsType<SampleDecision.Ignore>(decision).Reason);
    }

    [Fact]
    public void Should_give_the_same_breach_the_same_alert_id()
    {
        var first = Alerts(Run(At(0, 10_000), At(1, 11_000)).Events).Single();
        var again = Alerts(Run(At(0, 10_000), At(1, 11_000)).Events).Single();
        var other = Alerts(Run(At(0, 10_000), At(2, 11_000)).Events).Single();

        Assert.Equal(first.AlertId, again.AlertId);
        Assert.NotEqual(first.AlertId, other.AlertId);
    }

    [Fact]
    public void Should_keep_the_last_known_title_when_a_sample_has_none()
    {
        var (_, events, _) = Run(At(0, 10_000), At(1, 11_000) with { Title = null });
        Assert.Equal("Never Gonna Give You Up", Alerts(events).Single().Title);
    }

    [Fact]
    public void Should_fold_events_identically_on_replay()
    {
        var (live, events, _) = Run(At(0, 990_000), At(1, 1_040_000), At(2, 1_045_000), At(3, 1_100_000, likes: 300));

        var replayed = events.Aggregate(VideoState.Empty(Id), (s, e) => s.Apply(e));
        Assert.Equal(live, replayed);
        Assert.Equal(2, live.AlertCount);
    }

    [Fact]
    public void Should_use_empty_milestones_when_none_are_configured()
    {
        var none = Settings with { ViewMilestones = ImmutableArray<long>.Empty };
        var (_, events, _) = Run(none, At(0, 999), At(1, 1_001));
        Assert.Empty(Alerts(events));
    }

    [Fact]
    public void Should_not_alert_on_a_large_percentage_of_a_tiny_count()
    {
        // 30 to 39 comments is +30%, but below the default minimum change of 10.
        var (_, events, _) = Run(At(0, 10_000, comments: 30), At(1, 10_010, comments: 39));
        Assert.Empty(Alerts(events));

        var (_, enough, _) = Run(At(0, 10_000, comments: 30), At(1, 10_010, comments: 40));
        Assert.Equal("change:comments:5%", Assert.Single(Alerts(enough)).Breaches.Single().Rule);
    }
}
