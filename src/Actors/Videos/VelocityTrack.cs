using System.Collections.Immutable;
using YouTubeAnalytics.Actors.Alerts;

namespace YouTubeAnalytics.Actors.Videos;

/// <summary>A video's view count at one moment: the last sample of its bucket.</summary>
public sealed record ViewPoint(DateTimeOffset At, long Views);

/// <summary>
/// What the velocity rule measured at the newest point: views gained since the newest point at least a window back
/// (over <see cref="RecentSpan"/>, which is longer than the window when samples are sparse) and the trailing rate of
/// the history before that point.
/// </summary>
public sealed record VelocityMeasure(ViewPoint From, ViewPoint To, double UsualPerHour)
{
    public long Gain => To.Views - From.Views;

    public TimeSpan RecentSpan => To.At - From.At;

    public double RecentPerHour => Gain / RecentSpan.TotalHours;

    /// <summary>Recent rate at or above <paramref name="factor"/> × the trailing one (a standstill counts as 0/h).</summary>
    public bool AtFactor(decimal factor) => RecentPerHour > 0 && RecentPerHour >= (double)factor * Math.Max(0, UsualPerHour);
}

/// <summary>
/// The view history the velocity rule reads: one point per bucket of <see cref="VelocityRule.BucketWidth"/> (the
/// bucket's last sample), at most <see cref="VelocityRule.BucketCapacity"/> of them and none older than the baseline.
/// Built only from journalled samples (and the surge alerts), so a replay rebuilds it point for point; kept in the
/// snapshot. <see cref="Surging"/>: a surge alert went out and the rate has not yet fallen back below the factor.
/// </summary>
public sealed record VelocityTrack(VelocityRule Rule, ImmutableArray<ViewPoint> Points, bool Surging = false)
{
    public static VelocityTrack For(VelocityRule rule) => new(rule, ImmutableArray<ViewPoint>.Empty);

    private ImmutableArray<ViewPoint> All => Points.IsDefault ? [] : Points;

    /// <summary>
    /// This track under <paramref name="rule"/> (the configured one, at start): the points are kept when the buckets
    /// are the same width, otherwise the history starts again (points of another width are not this rule's buckets).
    /// </summary>
    public VelocityTrack Under(VelocityRule rule) =>
        rule.BucketWidth == Rule.BucketWidth ? new VelocityTrack(rule, Trim(All, rule), Surging) : For(rule);

    /// <summary>Takes a journalled sample in; a surge ends when the rate has fallen back below the factor.</summary>
    public VelocityTrack Record(DateTimeOffset at, long views)
    {
        var points = All;
        var point = new ViewPoint(at, views);
        points = points.Length > 0 && Bucket(points[^1].At) == Bucket(at) ? points.SetItem(points.Length - 1, point) : points.Add(point);
        var next = this with { Points = Trim(points, Rule) };
        return Surging && next.Measure() is { } m && !m.AtFactor(Rule.Factor) ? next with { Surging = false } : next;
    }

    /// <summary>The rates at the newest point, or null while the history spans less than three windows.</summary>
    public VelocityMeasure? Measure()
    {
        var points = All;
        if (points.Length < 3 || points[^1].At - points[0].At < Rule.MinimumHistory)
            return null;
        var to = points[^1];
        var windowStart = to.At - Rule.Window;
        var from = points.LastOrDefault(p => p.At <= windowStart);
        if (from is null || from == points[0])
            return null; // nothing before the window to compare with
        var oldest = points[0];
        var usual = (from.Views - oldest.Views) / (from.At - oldest.At).TotalHours;
        return new VelocityMeasure(from, to, usual);
    }

    /// <summary>A surge at the newest point, when the rule fires there (not while one is still running).</summary>
    public VelocityMeasure? Surge() =>
        !Surging && Measure() is { } m && m.Gain >= Rule.MinimumViews && m.AtFactor(Rule.Factor) ? m : null;

    public VelocityTrack SurgeRaised() => this with { Surging = true };

    private long Bucket(DateTimeOffset at) => at.UtcTicks / Rule.BucketWidth.Ticks;

    private static ImmutableArray<ViewPoint> Trim(ImmutableArray<ViewPoint> points, VelocityRule rule)
    {
        if (points.Length == 0)
            return points;
        var horizon = points[^1].At - rule.Baseline;
        var skip = Math.Max(points.Length - rule.BucketCapacity, 0);
        while (skip < points.Length - 1 && points[skip].At < horizon)
            skip++;
        return skip == 0 ? points : [.. points.Skip(skip)];
    }

    /// <summary>By value (an ImmutableArray compares by reference), so a recovered track equals the live one.</summary>
    public bool Equals(VelocityTrack? other) =>
        other is not null && Rule == other.Rule && Surging == other.Surging && All.SequenceEqual(other.All);

    public override int GetHashCode() => HashCode.Combine(Rule, Surging, All.Length);
}
