namespace YouTubeAnalytics.Host.Configuration;

/// <summary>How long an idle VideoActor stays in memory, and how often it snapshots.</summary>
public sealed class VideoActorOptions
{
    public const string Section = "Videos";
    public TimeSpan PassivateAfter { get; set; } = TimeSpan.FromMinutes(2);
    public int SnapshotEvery { get; set; } = 100;
}
