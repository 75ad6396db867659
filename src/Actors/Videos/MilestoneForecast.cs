using System.Collections.Immutable;
using System.Globalization;

namespace YouTubeAnalytics.Actors.Videos;

/// <summary>
/// When a video will pass its next view milestone at the rate of its last day (the velocity track's history, up to
/// Alerts:Velocity:Baseline back): none without a rate, with the rate at 0 or below, or beyond a year.
/// </summary>
public sealed record MilestoneForecast(long Milestone, DateTimeOffset ExpectedAt, double ViewsPerHour, DateTimeOffset From)
{
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(365);

    /// <summary>How far back the rate is read: the last day.</summary>
    public static readonly TimeSpan RatePeriod = TimeSpan.FromDays(1);

    public static MilestoneForecast? For(VideoState state, ImmutableArray<long> milestones)
    {
        if (state.Latest is not { } latest || state.Velocity is not { } track || track.Points.IsDefaultOrEmpty)
            return null;
        var next = milestones.Where(m => m > state.HighestViews).DefaultIfEmpty().Min();
        if (next <= 0)
            return null;
        var since = latest.ObservedAt - RatePeriod;
        var oldest = track.Points.FirstOrDefault(p => p.At >= since);
        if (oldest is null || latest.ObservedAt - oldest.At < track.Rule.Window)
            return null; // too short a history to call a rate
        var perHour = (latest.ViewCount - oldest.Views) / (latest.ObservedAt - oldest.At).TotalHours;
        if (perHour <= 0)
            return null;
        var hours = (next - latest.ViewCount) / perHour;
        if (hours > Horizon.TotalHours)
            return null;
        return new MilestoneForecast(next, latest.ObservedAt + TimeSpan.FromHours(hours), perHour, latest.ObservedAt);
    }

    /// <summary>"1,000,000 views in ~3 days".</summary>
    public string InWords()
    {
        var left = ExpectedAt - From;
        var (amount, unit) = left.TotalDays >= 1.5 ? (Math.Round(left.TotalDays), "day")
            : left.TotalHours >= 1.5 ? (Math.Round(left.TotalHours), "hour")
            : (Math.Max(1, Math.Round(left.TotalMinutes)), "minute");
        return $"{Milestone.ToString("N0", CultureInfo.InvariantCulture)} views in ~{amount.ToString(CultureInfo.InvariantCulture)} {unit}{(amount == 1 ? "" : "s")}";
    }
}
