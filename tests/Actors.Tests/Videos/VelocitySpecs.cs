using Akka.Actor;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Serialization;
using YouTubeAnalytics.Actors.Tests.Support;
using YouTubeAnalytics.Actors.Videos;
using static YouTubeAnalytics.Actors.Tests.Support.Samples;

namespace YouTubeAnalytics.Actors.Tests.Videos;

/// <summary>The velocity surge rule ("velocity:views") in <see cref="VideoState"/>, with the percent rule and milestones off.</summary>
public sealed class VelocitySpecs
{
    // Defaults of the rule: 1 h window, 1 day baseline, 3×, at least 500 views; buckets of 15 minutes.
    private static readonly AlertSettings Settings = new(10_000m, [], Velocity: VelocityRule.Default);
    private static readonly DateTimeOffset Now = T0.AddDays(3);
    private const long Start = 1_000_000;
    private const int Steady = 4_000; // views an hour

    /// <summary>Samples every <paramref name="step"/> minutes from minute <paramref name="from"/> to <paramref name="to"/>, views by <paramref name="perHour"/>.</summary>
    private static IEnumerable<(int Minute, double PerHour)> Every(int step, int from, int to, double perHour) =>
        Enumerable.Range(0, (to - from) / step + 1).Select(i => (from + i * step, perHour));

    /// <summary>Samples whose views grow at each span's own rate since the previous sample.</summary>
    private static List<VideoStatsObserved> Climb(params IEnumerable<(int Minute, double PerHour)>[] spans)
    {
        var samples = new List<VideoStatsObserved>();
        double views = Start;
        var last = 0;
        foreach (var (minute, perHour) in spans.SelectMany(s => s))
        {
            if (samples.Count > 0 && minute <= last)
                continue;
            views += perHour * (minute - last) / 60.0;
            samples.Add(At(minute, (long)views));
            last = minute;
        }
        return samples;
    }

    private static (VideoState State, List<IVideoEvent> Events) Run(IEnumerable<VideoStatsObserved> samples, VideoState? from = null) =>
        Offered.Samples(Settings, samples, Now, from);

    private static List<Breach> Surges(IEnumerable<IVideoEvent> events) => events.Alerts()
        .SelectMany(a => a.Breaches).Where(b => b.Rule == VelocityRule.RuleName).ToList();

    private static List<VideoStatsObserved> TwoBursts() => Climb(
        Every(15, 0, 360, Steady), Every(15, 375, 420, 5 * Steady), // 6 h steady, then an hour at 5×
        Every(15, 435, 600, Steady), Every(15, 615, 660, 5 * Steady), // back to steady, then a second burst
        Every(15, 675, 780, Steady));

    [Fact]
    public void Should_raise_no_surge_on_a_steady_climb()
    {
        var (state, events) = Run(Climb(Every(15, 0, 30 * 60, Steady)));

        Assert.Empty(Surges(events));
        Assert.True(state.Velocity!.Measure() is { } m && Math.Abs(m.RecentPerHour / m.UsualPerHour - 1) < 0.01);
        Assert.Equal(96, state.Velocity.Points.Length); // a day of 15-minute buckets, no more
    }

    [Fact]
    public void Should_raise_one_surge_per_burst_and_another_after_the_rate_fell_back()
    {
        var (_, events) = Run(TwoBursts());

        var surges = Surges(events);
        Assert.Equal(2, surges.Count);
        var first = events.Alerts()[0];
        Assert.Equal(T0.AddMinutes(390), first.ObservedAt); // the second quarter of the burst: 12,000/h against 4,000/h
        Assert.Equal(TimeSpan.FromHours(1), surges[0].Window);
        Assert.Equal(12_000, surges[0].DeltaAbs, tolerance: 1);
        Assert.Equal(4_000, surges[0].UsualPerHour!.Value, tolerance: 1);
    }

    [Fact]
    public void Should_raise_no_surge_during_the_first_three_windows()
    {
        var (_, events) = Run(Climb(Every(15, 0, 60, Steady), Every(15, 75, 165, 10 * Steady), Every(15, 180, 300, Steady)));
        Assert.Empty(Surges(events));
    }

    [Fact]
    public void Should_raise_no_surge_when_samples_come_hours_apart()
    {
        // Gaps of hours and uneven steps: what the window compares then spans the gap, at the same rate as before.
        int[] minutes = [0, 15, 30, 45, 60, 75, 90, 120, 180, 240, 540, 547, 588, 600, 780, 781, 782, 1_200, 1_290, 1_291, 1_500];
        var samples = minutes.Select(m => At(m, Start + (long)(Steady * m / 60.0))).ToList();

        var (state, events) = Run(samples);

        Assert.Empty(Surges(events));
        Assert.NotNull(state.Velocity!.Measure()); // it did judge: the history spans three windows
    }

    [Fact]
    public void Should_word_nothing_but_the_rule_in_the_breach()
    {
        var surge = Surges(Run(TwoBursts()).Events)[0];
        Assert.Null(surge.Milestone);
        Assert.False(surge.IsChange); // a surge moves no percent baseline
    }

    [Fact]
    public void Should_decide_the_same_after_a_replay_of_the_journal()
    {
        var (live, events) = Run(TwoBursts());

        var replayed = VideoState.Empty(Id).Configured(Settings);
        for (var i = 0; i < events.Count; i++)
            replayed = replayed.Apply(events[i], i + 1);

        Assert.Equal(live, replayed);
        Assert.Equal(live.Velocity, replayed.Velocity);
    }

    [Fact]
    public void Should_decide_the_same_after_a_snapshot_taken_mid_burst()
    {
        var samples = TwoBursts();
        var (_, uninterrupted) = Run(samples);

        // Stop right after the first surge (the burst still running), snapshot, read it back, carry on.
        var cut = samples.FindIndex(s => s.ObservedAt == T0.AddMinutes(405));
        var (before, eventsBefore) = Run(samples.Take(cut));
        using var system = ActorSystem.Create("velocity-snapshot");
        var serializer = new ProtocolSerializer((ExtendedActorSystem)system);
        var snapshot = (VideoState)serializer.FromBinary(serializer.ToBinary(before), serializer.Manifest(before));
        Assert.Equal(before.Velocity, snapshot.Velocity);
        Assert.True(snapshot.Velocity!.Surging);

        var (_, eventsAfter) = Run(samples.Skip(cut), snapshot.Configured(Settings));

        Assert.Equal(
            Surges(uninterrupted).Select(b => (b.Current, b.Window)),
            Surges(eventsBefore.Concat(eventsAfter)).Select(b => (b.Current, b.Window)));
    }

    [Fact]
    public void Should_start_the_history_again_when_the_window_changes()
    {
        var (state, _) = Run(Climb(Every(15, 0, 300, Steady)));

        var sameWidth = state.Configured(Settings with { Velocity = VelocityRule.Default with { Factor = 5m } });
        var otherWidth = state.Configured(Settings with { Velocity = VelocityRule.Default with { Window = TimeSpan.FromMinutes(20) } });

        Assert.Equal(state.Velocity!.Points, sameWidth.Velocity!.Points);
        Assert.Empty(otherWidth.Velocity!.Points);
        Assert.Null(state.Configured(Settings with { Velocity = null }).Velocity);
    }

    [Fact]
    public void Should_keep_at_most_a_hundred_buckets()
    {
        var rule = new VelocityRule(TimeSpan.FromMinutes(4), TimeSpan.FromDays(1), 3m, 500);
        Assert.Equal(100, rule.BucketCapacity);
        Assert.Equal(96, VelocityRule.Default.BucketCapacity);
        Assert.Equal(TimeSpan.FromMinutes(15), VelocityRule.Default.BucketWidth);
    }
}
