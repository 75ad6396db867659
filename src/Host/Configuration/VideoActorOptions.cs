namespace YouTubeAnalytics.Host.Configuration;

/// <summary>How long an idle VideoActor stays in memory, and how often it snapshots.</summary>
public sealed class VideoActorOptions
{
    public const string Section = "Videos";

    /// <summary>Idle time before a VideoActor leaves memory; raised to 3 × YouTube:PollInterval when shorter.</summary>
    public TimeSpan PassivateAfter { get; set; } = TimeSpan.FromMinutes(2);

    public int SnapshotEvery { get; set; } = 100;

    /// <summary>On passivation, a snapshot when at least this many events came since the last one (0: never).</summary>
    public int SnapshotOnPassivation { get; set; } = 1;
}
