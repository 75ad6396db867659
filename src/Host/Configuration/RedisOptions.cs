namespace YouTubeAnalytics.Host.Configuration;

public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string; empty: the in-memory read side.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prepended to every key and the update channel, so several deployments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "yta:";

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Configuration);

    /// <summary>The read side's settings when Redis is configured (validated at start), null for the in-memory read side.</summary>
    public Api.RedisReadSideSettings? ReadSide => IsEnabled ? new(Configuration!, KeyPrefix) : null;

    public static bool IsReadable(string? configuration)
    {
        try
        {
            return StackExchange.Redis.ConfigurationOptions.Parse(configuration!).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
