namespace YouTubeAnalytics.Actors.Watchlist;

/// <summary>
/// Whether a playlist or channel asked to be watched exists, checked with one cheap call before it joins the watchlist
/// (POST /watchlist, the bot's /watch). Declared here so the Api and the bot need not know YouTube's client; the host
/// wires YouTube's (with YouTube:ApiKey set) or <see cref="UncheckedWatchTargets"/>.
/// </summary>
public interface IWatchTargetCheck
{
    Task<WatchTargetExistence> CheckAsync(WatchTarget target, CancellationToken cancellationToken);
}

/// <summary>What the check found: it exists, YouTube says it does not (with YouTube's reason), or it could not tell.</summary>
public sealed record WatchTargetExistence(WatchTargetExistence.Kind Found, string? Reason = null)
{
    public enum Kind
    {
        Exists,
        Missing,
        Unknown,
    }

    public static readonly WatchTargetExistence Exists = new(Kind.Exists);

    public static WatchTargetExistence Missing(string reason) => new(Kind.Missing, reason);

    /// <summary>The check could not be made (quota gone, YouTube down): the target is accepted and its health will tell.</summary>
    public static WatchTargetExistence Unknown(string reason) => new(Kind.Unknown, reason);
}

/// <summary>No check (the demo source, no YouTube key): every target is taken as it is.</summary>
public sealed class UncheckedWatchTargets : IWatchTargetCheck
{
    public static readonly UncheckedWatchTargets Instance = new();

    private UncheckedWatchTargets()
    {
    }

    public Task<WatchTargetExistence> CheckAsync(WatchTarget target, CancellationToken cancellationToken) =>
        Task.FromResult(WatchTargetExistence.Exists);
}
