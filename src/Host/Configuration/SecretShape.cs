namespace YouTubeAnalytics.Host.Configuration;

/// <summary>
/// Secrets are refused, never trimmed, when they carry whitespace (a newline copied from a file or a terminal): the
/// service would otherwise send a different secret than the one configured and fail with a 401 for ever.
/// </summary>
public static class SecretShape
{
    public static bool HasNoWhitespace(string? secret) =>
        string.IsNullOrEmpty(secret) || !secret.Any(char.IsWhiteSpace);
}
