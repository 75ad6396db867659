namespace YouTubeAnalytics.Streams.YouTube;

/// <summary>How the poller must react to a failed call; decided from error.errors[0].reason, not the HTTP code alone.</summary>
public enum YouTubeFailure
{
    /// <summary>quotaExceeded, dailyLimitExceeded: no call until the next Pacific midnight.</summary>
    QuotaExhausted,

    /// <summary>keyInvalid, badRequest + API_KEY_INVALID: the setting is wrong; retrying cannot help.</summary>
    KeyRejected,

    /// <summary>accessNotConfigured, forbidden: the key's project may not call the API; retrying cannot help.</summary>
    AccessDenied,

    /// <summary>5xx, timeouts, connection failures: retried with backoff.</summary>
    Transient,

    /// <summary>Anything else (e.g. invalidPageToken): this call failed, the next round tries again.</summary>
    Request,
}

/// <summary>A failed Data API call. The message is YouTube's or ours; it never holds the key or a URL with it.</summary>
public sealed class YouTubeApiException(YouTubeFailure failure, int? status, string? reason, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public YouTubeFailure Failure { get; } = failure;

    public int? Status { get; } = status;

    public string? Reason { get; } = reason;
}
