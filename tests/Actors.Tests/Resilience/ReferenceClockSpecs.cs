using Microsoft.Extensions.Time.Testing;
using YouTubeAnalytics.Actors.Resilience;

namespace YouTubeAnalytics.Actors.Tests.Resilience;

/// <summary>The wall clock checked against monotonic time: a jump alone cannot move the reference.</summary>
public sealed class ReferenceClockSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [Fact]
    public void Should_follow_the_wall_clock_while_both_agree_absorbing_slow_drift()
    {
        var anchor = new ClockAnchor(T0, TimeSpan.Zero);
        // An hour of monotonic time, the wall clock a minute further (NTP slewing): they agree, the wall clock is taken.
        var (reading, next) = anchor.Read(T0.AddHours(1).AddMinutes(1), TimeSpan.FromHours(1), Tolerance);

        Assert.True(reading.Agrees);
        Assert.Equal(T0.AddHours(1).AddMinutes(1), reading.Reference);
        Assert.Equal(new ClockAnchor(T0.AddHours(1).AddMinutes(1), TimeSpan.FromHours(1)), next);
    }

    [Fact]
    public void Should_keep_monotonic_time_while_the_wall_clock_is_40_days_ahead_then_agree_again_when_it_is_back()
    {
        var anchor = new ClockAnchor(T0, TimeSpan.Zero);

        var (during, jumped) = anchor.Read(T0.AddDays(40).AddSeconds(10), TimeSpan.FromSeconds(10), Tolerance);
        Assert.False(during.Agrees);
        Assert.Equal(T0.AddSeconds(10), during.Reference);
        Assert.Equal(TimeSpan.FromDays(40), during.Disagreement);

        var (back, _) = jumped.Read(T0.AddSeconds(30), TimeSpan.FromSeconds(30), Tolerance);
        Assert.True(back.Agrees);
        Assert.Equal(T0.AddSeconds(30), back.Reference);
    }

    [Fact]
    public void Should_believe_a_wall_clock_that_keeps_disagreeing_past_AcceptAfter_a_corrected_clock()
    {
        var (_, disagreeing) = new ClockAnchor(T0, TimeSpan.Zero).Read(T0.AddHours(-3), TimeSpan.FromSeconds(1), Tolerance);
        var elapsed = ClockAnchor.AcceptAfter + TimeSpan.FromSeconds(1);
        var (still, _) = disagreeing.Read(T0.AddHours(-3) + ClockAnchor.AcceptAfter - TimeSpan.FromSeconds(1), ClockAnchor.AcceptAfter - TimeSpan.FromSeconds(1), Tolerance);
        Assert.False(still.Agrees);

        var (accepted, next) = disagreeing.Read(T0.AddHours(-3) + elapsed, elapsed + TimeSpan.FromSeconds(1), Tolerance);
        Assert.Equal(T0.AddHours(-3) + elapsed, accepted.Reference);
        var (after, _) = next.Read(T0.AddHours(-3) + elapsed + TimeSpan.FromMinutes(1), elapsed + TimeSpan.FromSeconds(61), Tolerance);
        Assert.True(after.Agrees);
    }

    [Fact]
    public void Should_share_one_reference_per_time_provider_over_a_wall_clock_that_jumps_alone()
    {
        var time = new JumpingClock(new FakeTimeProvider(T0));
        var clock = ReferenceClock.Of(time);
        Assert.Same(clock, ReferenceClock.Of(time));

        time.Inner.Advance(TimeSpan.FromSeconds(5));
        time.Jump = TimeSpan.FromDays(40);
        var reading = clock.Read(Tolerance);

        Assert.False(reading.Agrees);
        Assert.Equal(T0.AddSeconds(5), reading.Reference);
    }
}

/// <summary>A wall clock that can jump (<see cref="Jump"/>) while monotonic time goes on as the inner fake's.</summary>
public sealed class JumpingClock(FakeTimeProvider inner) : TimeProvider
{
    public FakeTimeProvider Inner { get; } = inner;

    public TimeSpan Jump { get; set; }

    public override DateTimeOffset GetUtcNow() => Inner.GetUtcNow() + Jump;

    public override long GetTimestamp() => Inner.GetTimestamp();

    public override long TimestampFrequency => Inner.TimestampFrequency;
}
