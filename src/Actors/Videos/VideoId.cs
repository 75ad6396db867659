using System.Diagnostics.CodeAnalysis;

namespace YouTubeAnalytics.Actors.Videos;

/// <summary>A YouTube video id: exactly 11 characters of [A-Za-z0-9_-].</summary>
public static class VideoId
{
    public const int Length = 11;

    public static bool IsValid([NotNullWhen(true)] string? candidate)
    {
        if (candidate is null || candidate.Length != Length)
            return false;
        foreach (var c in candidate)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-'))
                return false;
        }
        return true;
    }

    /// <summary>Checks a candidate id and says what is wrong with it, without echoing more than a safe prefix.</summary>
    public static bool TryValidate([NotNullWhen(true)] string? candidate, [NotNullWhen(false)] out string? reason)
    {
        if (IsValid(candidate))
        {
            reason = null;
            return true;
        }
        reason = candidate switch
        {
            null or "" => "a video id is required",
            { Length: not Length } => $"a video id has exactly {Length} characters; this one has {candidate.Length}",
            _ => "a video id holds only the characters A-Z, a-z, 0-9, '_' and '-'",
        };
        return false;
    }
}
