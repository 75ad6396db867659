namespace YouTubeAnalytics.Actors.Alerts;

/// <summary>
/// The velocity surge rule ("velocity:views"): views per hour over the recent <see cref="Window"/> against the video's
/// own trailing rate over up to <see cref="Baseline"/> before it. It fires at <see cref="Factor"/> times the trailing
/// rate with at least <see cref="MinimumViews"/> gained in the window, once the history spans three windows.
/// </summary>
public sealed record VelocityRule(TimeSpan Window, TimeSpan Baseline, decimal Factor, long MinimumViews)
{
    public const string RuleName = "velocity:views";

    /// <summary>At most this many buckets a video, whatever Baseline / (Window / 4) comes to.</summary>
    public const int MaxBuckets = 100;

    public static VelocityRule Default { get; } = new(TimeSpan.FromHours(1), TimeSpan.FromDays(1), 3m, 500);

    /// <summary>Views are kept one point per bucket of a quarter window.</summary>
    public TimeSpan BucketWidth => Window / 4;

    /// <summary>Buckets kept: the baseline's worth, at most <see cref="MaxBuckets"/> (defaults: 96 of 15 minutes).</summary>
    public int BucketCapacity => (int)Math.Clamp(Math.Ceiling(Baseline / BucketWidth), 1, MaxBuckets);

    /// <summary>History a video needs before the rule judges it.</summary>
    public TimeSpan MinimumHistory => Window * 3;
}
