namespace YouTubeAnalytics.Actors.Videos;

/// <summary>
/// When an idle VideoActor leaves memory, and what it does on the way out. A video is sampled once per poll period,
/// so an idle timeout shorter than that period passivates every actor between two samples and makes each sample
/// pay a full recovery: the timeout is never shorter than <see cref="PollPeriods"/> poll periods.
/// </summary>
public static class VideoPassivation
{
    /// <summary>How many poll periods a video may go unsampled before its actor passivates.</summary>
    public const int PollPeriods = 3;

    /// <summary>The configured idle timeout, raised to <see cref="PollPeriods"/> × the poll interval when shorter.</summary>
    public static TimeSpan IdleTimeout(TimeSpan configured, TimeSpan pollInterval) =>
        configured >= pollInterval * PollPeriods ? configured : pollInterval * PollPeriods;

    /// <summary>
    /// The message sharding sends an entity to stop it (idle passivation, hand-off): the VideoActor saves a snapshot
    /// first when enough events came since its last one, so its next activation loads that snapshot and replays nothing.
    /// </summary>
    public sealed class Stop
    {
        public static readonly Stop Instance = new();

        private Stop()
        {
        }
    }
}
