namespace YouTubeAnalytics.Actors.Videos;

/// <summary>
/// The time rule every sample obeys, a video's or a channel's: it may not claim to be from further ahead than clock
/// skew explains, and it must be newer than the latest one taken (a repeat or an older sample changes nothing).
/// </summary>
public static class SampleOrder
{
    /// <summary>How far ahead of our clock a sample may claim to be (clock skew between nodes), no further.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Null when a sample observed at <paramref name="observedAt"/> may be taken; else why not, whether that is suspicious,
    /// and whether it is from the future. <paramref name="now"/> is the node's reference time (<c>ReferenceClock</c>),
    /// so a sample stamped by a clock that jumped ahead is refused instead of becoming the latest.
    /// </summary>
    public static (string Reason, bool IsSuspicious, bool IsFuture)? Refusal(DateTimeOffset observedAt, DateTimeOffset? latestAt, DateTimeOffset now)
    {
        if (observedAt > now + FutureTolerance)
            return ($"observedAt {observedAt:O} is in the future (reference now {now:O})", true, true);
        if (latestAt is { } latest && observedAt <= latest)
            return (observedAt == latest ? "duplicate sample" : "sample older than the latest one", false, false);
        return null;
    }
}
