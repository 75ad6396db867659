using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Actors.Watchlist;

public enum WatchKind
{
    Video,
    Playlist,
    Channel,
}

/// <summary>
/// One thing to watch: a video id, a playlist id, or a channel given by its UC… id or its @handle
/// (<see cref="IsHandle"/>; resolved to the channel's uploads playlist through channels.list forHandle).
/// </summary>
public sealed record WatchTarget(WatchKind Kind, string Id)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsHandle => Kind == WatchKind.Channel && Id.StartsWith('@');

    public static WatchTarget Video(string id) => new(WatchKind.Video, id);

    public static WatchTarget Playlist(string id) => new(WatchKind.Playlist, id);

    public static WatchTarget Channel(string idOrHandle) => new(WatchKind.Channel, idOrHandle);

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Id}";

    internal static bool IsVideoId(string s) => VideoId.IsValid(s);

    /// <summary>Channel ids are "UC" followed by 22 characters of the id alphabet.</summary>
    internal static bool IsChannelId(string s) => s.Length == 24 && s.StartsWith("UC", StringComparison.Ordinal) && IsIdAlphabet(s);

    /// <summary>Playlist ids: PL/UU/LL/FL/OL/RD… prefixes of 13 to 64 id characters.</summary>
    internal static bool IsPlaylistId(string s) => s.Length is >= 13 and <= 64 && IsIdAlphabet(s) &&
        (s.StartsWith("PL", StringComparison.Ordinal) || s.StartsWith("UU", StringComparison.Ordinal)
         || s.StartsWith("OL", StringComparison.Ordinal) || s.StartsWith("FL", StringComparison.Ordinal)
         || s.StartsWith("LL", StringComparison.Ordinal) || s.StartsWith("RD", StringComparison.Ordinal));

    /// <summary>Handles: 3 to 30 characters of letters, digits, '_', '-' and '.'.</summary>
    internal static bool IsHandleName(string s) => s.Length is >= 3 and <= 30 &&
        s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    private static bool IsIdAlphabet(string s) => s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
