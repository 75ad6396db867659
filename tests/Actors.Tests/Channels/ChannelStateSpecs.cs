using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Channels;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Serialization;
using YouTubeAnalytics.Actors.Videos;
using static YouTubeAnalytics.Actors.Tests.Support.ChannelSamples;

namespace YouTubeAnalytics.Actors.Tests.Channels;

public sealed class ChannelStateSpecs
{
    private static readonly DateTimeOffset Now = Support.Samples.T0.AddDays(1);

    private static (ChannelState State, List<IProtocolMessage> Events, List<string> Ignored) Run(
        ChannelAlertSettings settings, params ChannelStatsObserved[] samples)
    {
        var state = ChannelState.Empty(Id);
        var events = new List<IProtocolMessage>();
        var ignored = new List<string>();
        foreach (var sample in samples)
        {
            switch (state.Process(sample, settings, Now))
            {
                case ChannelDecision.Accept accept:
                    foreach (var e in accept.Events)
                    {
                        state = state.Apply(e);
                        events.Add(e);
                    }
                    break;
                case ChannelDecision.Ignore ignore:
                    ignored.Add(ignore.Reason);
                    break;
            }
        }
        return (state, events, ignored);
    }

    private static (ChannelState State, List<IProtocolMessage> Events, List<string> Ignored) Run(params ChannelStatsObserved[] samples) =>
        Run(ChannelAlertSettings.Default, samples);

    private static List<Alert> Alerts(IEnumerable<IProtocolMessage> events) =>
        events.OfType<VideoEvents.AlertRaised>().Select(a => a.Alert).ToList();

    private static List<string> Rules(IEnumerable<IProtocolMessage> events) =>
        Alerts(events).SelectMany(a => a.Breaches).Select(b => b.Rule).ToList();

    [Fact]
    public void Should_take_the_first_sample_as_baseline_without_an_alert()
    {
        var (state, events, _) = Run(At(0, 4_210_000));

        Assert.IsType<ChannelEvents.StatsRecorded>(Assert.Single(events));
        Assert.Equal(4_210_000, state.SubscribersBaseline!.Value);
        Assert.Equal(4_210_000, state.HighestSubscribers);
        Assert.Equal(1, state.SampleCount);
    }

    [Fact]
    public void Should_raise_a_subscriber_milestone_once_through_a_dip_and_recovery()
    {
        var (state, events, _) = Run(At(0, 990_000), At(30, 1_000_000), At(60, 1_010_000), At(90, 995_000), At(120, 1_000_000));

        var alert = Assert.Single(Alerts(events));
        var breach = Assert.Single(alert.Breaches);
        Assert.Equal("milestone:subscribers:1000000", breach.Rule);
        Assert.Equal(Metric.Subscribers, breach.Metric);
        Assert.Equal(1_000_000, breach.Milestone);
        Assert.Equal((990_000L, 1_000_000L), (breach.Previous, breach.Current));
        Assert.Equal(AlertSubject.Channel, alert.Subject);
        Assert.Equal(Id, alert.VideoId);
        Assert.Equal(1_000_000, alert.SubscriberCount);
        Assert.Equal(1, state.AlertCount);
    }

    [Fact]
    public void Should_not_call_a_milestone_passed_that_a_rounded_count_does_not_prove()
    {
        // 1,234,567 is not a three-figure number: 1,230,000 published may be 1,230,000 to 1,239,999 true.
        var settings = ChannelAlertSettings.Default with { SubscriberMilestones = [1_234_567] };

        var (_, events, _) = Run(settings, At(0, 1_220_000), At(30, 1_230_000));
        Assert.Empty(Alerts(events));

        (_, events, _) = Run(settings, At(0, 1_220_000), At(30, 1_230_000), At(60, 1_240_000));
        Assert.Equal(["milestone:subscribers:1234567"], Rules(events));
    }

    [Fact]
    public void Should_not_count_the_rounding_step_as_a_change()
    {
        // Published 1,000 may be 1,009 true; 1,050 published proves a rise of 41 (4.06 %), not the 5 % it looks like.
        var (_, events, _) = Run(At(0, 1_000), At(30, 1_050));
        Assert.Empty(Alerts(events));

        // The same rise of 5 % on exact counts (below 1,000) is a change.
        (_, events, _) = Run(ChannelAlertSettings.Default with { MinimumChange = 1 }, At(0, 400), At(30, 420));
        Assert.Equal(["change:subscribers:5%"], Rules(events));

        // One step of the published count (4.21M to 4.22M) is no change at all for the rule.
        (_, events, _) = Run(ChannelAlertSettings.Default with { ChangeThresholdPercent = 0.01m }, At(0, 4_210_000), At(30, 4_220_000));
        Assert.Empty(Alerts(events));
    }

    [Fact]
    public void Should_raise_a_subscriber_change_the_rounded_counts_prove_and_rebase_on_it()
    {
        var (state, events, _) = Run(At(0, 100_000), At(30, 110_000), At(60, 112_000));

        var breach = Assert.Single(Assert.Single(Alerts(events)).Breaches);
        Assert.Equal("change:subscribers:5%", breach.Rule);
        Assert.Equal((100_000L, 110_000L, 10_000L), (breach.Previous, breach.Current, breach.DeltaAbs));
        Assert.Equal(10.00m, breach.DeltaPct);
        Assert.Equal(TimeSpan.FromMinutes(30), breach.Window);
        Assert.Equal(new MetricBaseline(110_000, At(30, 0).ObservedAt), state.SubscribersBaseline);
    }

    [Fact]
    public void Should_treat_a_hidden_count_as_missing_not_zero()
    {
        // Hidden from the start: the first count seen later is a baseline, not a rise from zero or a milestone.
        var (state, events, _) = Run(At(0, null), At(30, null), At(60, 1_200_000));
        Assert.Empty(Alerts(events));
        Assert.Equal(1_200_000, state.SubscribersBaseline!.Value);

        // Hidden in between: nothing fires while hidden, and the count that comes back is compared with the last one.
        (state, events, _) = Run(At(0, 1_200_000), At(30, null), At(60, 1_200_000));
        Assert.Empty(Alerts(events));
        Assert.Null(Assert.IsType<ChannelEvents.StatsRecorded>(events[1]).Stats.SubscriberCount);
        Assert.Equal(1_200_000, state.HighestSubscribers);
        Assert.Equal(3, state.SampleCount);
    }

    [Fact]
    public void Should_raise_the_percent_rule_on_views()
    {
        var (_, events, _) = Run(At(0, 5_000, views: 1_000_000), At(30, 5_000, views: 1_060_000));

        var breach = Assert.Single(Assert.Single(Alerts(events)).Breaches);
        Assert.Equal("change:views:5%", breach.Rule);
        Assert.Equal(Metric.Views, breach.Metric);
        Assert.Equal(6.00m, breach.DeltaPct);
    }

    [Fact]
    public void Should_ignore_stale_duplicate_foreign_and_future_samples()
    {
        var (state, events, ignored) = Run(
            At(30, 1_000), At(30, 1_000), At(0, 2_000), At(40, 1_000, channelId: "UCaaaaaaaaaaaaaaaaaaaaaa"), At(60 * 48, 1_000));

        Assert.Single(events);
        Assert.Equal(4, ignored.Count);
        Assert.Equal(1, state.SampleCount);
    }

    [Fact]
    public void Should_give_the_same_breach_the_same_alert_id()
    {
        var first = Alerts(Run(At(0, 990_000), At(30, 1_000_000)).Events).Single().AlertId;
        var again = Alerts(Run(At(0, 980_000), At(30, 1_000_000)).Events).Single().AlertId;
        var video = Alerts(Run(At(0, 990_000), At(31, 1_000_000)).Events).Single().AlertId;

        Assert.Equal(first, again);
        Assert.NotEqual(first, video);
    }

    [Theory]
    [InlineData(999, 999)]
    [InlineData(1_000, 1_009)]
    [InlineData(4_210_000, 4_219_999)]
    [InlineData(123_000_000, 123_999_999)]
    public void Should_bound_a_published_count_by_its_rounding_step(long published, long upper) =>
        Assert.Equal(upper, SubscriberCount.UpperBound(published));
}
