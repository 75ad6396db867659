namespace YouTubeAnalytics.Streams.YouTube;

/// <summary>What /health says about YouTube: calls flowing, quota gone until a time, or the key refused (no more calls).</summary>
public sealed class YouTubeStatus
{
    private volatile string? _halted;

    /// <summary>Why the poller stopped calling for good (a refused key); null while it may call.</summary>
    public string? Halted => _halted;

    public void Halt(string reason) => _halted = reason;
}
