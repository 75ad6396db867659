using YouTubeAnalytics.Actors.Resilience;

namespace YouTubeAnalytics.Actors.Watchlist;

/// <summary>
/// How reading one playlist or channel goes: <see cref="Failures"/> in a row (0 = working), YouTube's reason for the
/// last one, when it last worked, and when it may be read again (the backoff, kept in the journal so every node and a
/// restart keep it).
/// </summary>
public sealed record TargetHealth(
    WatchTarget Target,
    int Failures,
    string? Reason,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? FailingSince,
    DateTimeOffset? RetryAt)
{
    /// <summary>Minutes growing to hours: 5, 10, 20 … min, then every 6 h while the target keeps failing.</summary>
    public static BackoffPolicy Backoff { get; } = new(TimeSpan.FromMinutes(5), TimeSpan.FromHours(6));

    /// <summary>A success is journaled again at most this often while nothing changes, so "last worked" stays close.</summary>
    public static TimeSpan SuccessRefresh { get; } = TimeSpan.FromHours(1);

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsFailing => Failures > 0;

    [System.Text.Json.Serialization.JsonIgnore]
    public string State => IsFailing ? "failing" : LastSuccessAt is null ? "pending" : "ok";

    public static TargetHealth Unknown(WatchTarget target) => new(target, 0, null, null, null, null);
}
