using System.Diagnostics.CodeAnalysis;
using YouTubeAnalytics.Actors.Watchlist;

namespace YouTubeAnalytics.Actors.Channels;

/// <summary>A YouTube channel id: "UC" followed by 22 characters of [A-Za-z0-9_-] (24 in all).</summary>
public static class ChannelId
{
    public static bool IsValid([NotNullWhen(true)] string? candidate) => candidate is not null && WatchTarget.IsChannelId(candidate);

    /// <summary>An @handle: '@' and 3 to 30 letters, digits, '_', '-' or '.'.</summary>
    public static bool IsHandle([NotNullWhen(true)] string? candidate) =>
        candidate is ['@', .. var name] && WatchTarget.IsHandleName(name);

    /// <summary>Checks a candidate id and says what is wrong with it, never echoing it.</summary>
    public static bool TryValidate([NotNullWhen(true)] string? candidate, [NotNullWhen(false)] out string? reason)
    {
        reason = IsValid(candidate) ? null : candidate switch
        {
            null or "" => "a channel id is required",
            _ => "a channel id is UC followed by 22 characters of A-Z, a-z, 0-9, '_' and '-'",
        };
        return reason is null;
    }
}
