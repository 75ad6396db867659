using System.Runtime.CompilerServices;

namespace YouTubeAnalytics.Actors.Resilience;

/// <summary>
/// One reading of the clock: the wall clock and the reference (the wall time when the two last agreed, plus the
/// process's monotonic time elapsed since), and whether they agree within History:ClockTolerance. Retention and the
/// "older than the latest" rule use <see cref="Reference"/>, so a wall clock that jumps alone cannot fool them.
/// </summary>
public readonly record struct ClockReading(DateTimeOffset Wall, DateTimeOffset Reference, TimeSpan Tolerance)
{
    public TimeSpan Disagreement => Wall - Reference;

    public bool Agrees => Disagreement.Duration() <= Tolerance;
}

/// <summary>
/// The pure rule behind <see cref="ReferenceClock"/>: where the two clocks last agreed (<see cref="Wall"/> at monotonic
/// <see cref="Elapsed"/>) and since when they disagree. While they agree, the reference follows the wall clock (slow
/// drift is absorbed); when they disagree it runs on monotonic time; a disagreement that lasts
/// <see cref="AcceptAfter"/> is a corrected clock, not a jump, and the wall clock is taken again.
/// </summary>
public sealed record ClockAnchor(DateTimeOffset Wall, TimeSpan Elapsed, DateTimeOffset? DisagreeingSince = null)
{
    /// <summary>How long the wall clock must disagree before it is believed (a corrected clock, e.g. NTP after boot).</summary>
    public static readonly TimeSpan AcceptAfter = TimeSpan.FromHours(1);

    public (ClockReading Reading, ClockAnchor Next) Read(DateTimeOffset wall, TimeSpan elapsed, TimeSpan tolerance)
    {
        var reference = Wall + (elapsed - Elapsed);
        var reading = new ClockReading(wall, reference, tolerance);
        if (reading.Agrees)
            return (reading with { Reference = wall }, new ClockAnchor(wall, elapsed));
        var since = DisagreeingSince ?? reference;
        if (reference - since >= AcceptAfter)
            return (reading with { Reference = wall }, new ClockAnchor(wall, elapsed));
        return (reading, this with { DisagreeingSince = since });
    }
}

/// <summary>
/// The node's reference clock over a <see cref="TimeProvider"/>: one per provider (so one per process in production,
/// one per fake clock in specs), shared by every caller, since an anchor taken during a jump would be wrong.
/// </summary>
public sealed class ReferenceClock
{
    private static readonly ConditionalWeakTable<TimeProvider, ReferenceClock> Clocks = [];
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly Lock _lock = new();
    private ClockAnchor _anchor;

    private ReferenceClock(TimeProvider time)
    {
        _time = time;
        _started = time.GetTimestamp();
        _anchor = new ClockAnchor(time.GetUtcNow(), TimeSpan.Zero);
    }

    public static ReferenceClock Of(TimeProvider time) => Clocks.GetValue(time, t => new ReferenceClock(t));

    public ClockReading Read(TimeSpan tolerance)
    {
        lock (_lock)
        {
            var (reading, next) = _anchor.Read(_time.GetUtcNow(), _time.GetElapsedTime(_started), tolerance);
            _anchor = next;
            return reading;
        }
    }
}
