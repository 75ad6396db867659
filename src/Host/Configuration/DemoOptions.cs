namespace YouTubeAnalytics.Host.Configuration;

/// <summary>The simulated source used when no YouTube key is set.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";
    public int VideoCount { get; set; } = 36;
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(5);
}
