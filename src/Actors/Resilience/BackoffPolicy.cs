using Akka.Streams;

namespace YouTubeAnalytics.Actors.Resilience;

/// <summary>
/// The one exponential backoff of the project: attempt 1 waits <see cref="Min"/>, each further attempt twice as long,
/// never more than <see cref="Max"/>. Used by every retry loop (the notifier's deliveries, the bot's polling, Telegram
/// sends, ingest offers) and by the restart of every stream, so a retry rule is read and changed in one place.
/// </summary>
public sealed record BackoffPolicy
{
    public BackoffPolicy(TimeSpan min, TimeSpan max)
    {
        if (min <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(min), min, "the first wait must be above zero");
        if (max < min)
            throw new ArgumentOutOfRangeException(nameof(max), max, "the longest wait must not be below the first");
        Min = min;
        Max = max;
    }

    public TimeSpan Min { get; }

    public TimeSpan Max { get; }

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1 = the first failure).</summary>
    public TimeSpan DelayFor(int attempt)
    {
        var doublings = Math.Clamp(attempt - 1, 0, 30);
        var ticks = Min.Ticks * Math.Pow(2, doublings);
        return ticks >= Max.Ticks ? Max : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Waits <see cref="DelayFor"/> on <paramref name="time"/>; a cancelled token ends the wait at once.</summary>
    public Task WaitAsync(int attempt, TimeProvider time, CancellationToken cancellationToken) =>
        Task.Delay(DelayFor(attempt), time, cancellationToken);

    /// <summary>The same bounds for a restarting stream (Akka adds <paramref name="randomFactor"/> of jitter).</summary>
    public RestartSettings ToRestartSettings(double randomFactor = 0.2) => RestartSettings.Create(Min, Max, randomFactor);
}
