using System.Diagnostics.CodeAnalysis;

namespace YouTubeAnalytics.Actors.Watchlist;

/// <summary>
/// Turns what a user pastes (a bare id, @handle, or a YouTube URL of any common form) into a <see cref="WatchTarget"/>.
/// Pure text work: the URL is never fetched. Anything it cannot read is refused with a reason that does not echo it.
/// </summary>
public static class YouTubeUrlParser
{
    private static readonly string[] YouTubeHosts =
        ["youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com"];

    public static bool TryParse(string? input, [NotNullWhen(true)] out WatchTarget? target, [NotNullWhen(false)] out string? reason)
    {
        target = null;
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text))
            return Refuse("a video, playlist or channel URL or id is required", out reason);
        if (text.Length > 2048)
            return Refuse("the text is longer than any YouTube URL", out reason);

        if (!text.Contains('/') && !text.Contains('.'))
            return TryParseBare(text, out target, out reason);
        if (text.StartsWith('@') && !text.Contains('/'))
            return TryParseBare(text, out target, out reason);

        var candidate = text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return Refuse("not a URL or id that YouTube uses", out reason);

        var host = uri.Host.ToLowerInvariant();
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var query = ParseQuery(uri.Query);

        if (host is "youtu.be" or "www.youtu.be")
            return segments.Length >= 1 ? Video(segments[0], out target, out reason) : Refuse("a youtu.be link needs a video id", out reason);
        if (!YouTubeHosts.Contains(host))
            return Refuse("only youtube.com and youtu.be links are accepted", out reason);

        if (segments.Length == 0)
            return Refuse("a YouTube link needs a video, playlist or channel", out reason);

        switch (segments[0])
        {
            case "watch":
                return query.TryGetValue("v", out var v)
                    ? Video(v, out target, out reason)
                    : query.TryGetValue("list", out var listOfWatch)
                        ? Playlist(listOfWatch, out target, out reason)
                        : Refuse("a watch link needs a v= parameter", out reason);
            case "shorts" or "live" or "embed" or "v" or "e":
                return segments.Length >= 2 ? Video(segments[1], out target, out reason)
                    : Refuse($"a /{segments[0]}/ link needs a video id", out reason);
            case "playlist":
                return query.TryGetValue("list", out var list) ? Playlist(list, out target, out reason)
                    : Refuse("a playlist link needs a list= parameter", out reason);
            case "channel":
                return segments.Length >= 2 && WatchTarget.IsChannelId(segments[1])
                    ? Found(WatchTarget.Channel(segments[1]), out target, out reason)
                    : Refuse("a /channel/ link needs a channel id (UC followed by 22 characters)", out reason);
            default:
                if (segments[0].StartsWith('@'))
                    return TryParseBare(Uri.UnescapeDataString(segments[0]), out target, out reason);
                return Refuse("this kind of YouTube link is not supported (use a video, playlist, /channel/UC… or @handle link)", out reason);
        }
    }

    private static bool TryParseBare(string text, out WatchTarget? target, out string? reason)
    {
        target = null;
        if (text.StartsWith('@'))
        {
            return WatchTarget.IsHandleName(text[1..])
                ? Found(WatchTarget.Channel(text), out target, out reason)
                : Refuse("a handle is @ followed by 3 to 30 letters, digits, '_', '-' or '.'", out reason);
        }
        if (WatchTarget.IsVideoId(text))
            return Found(WatchTarget.Video(text), out target, out reason);
        if (WatchTarget.IsChannelId(text))
            return Found(WatchTarget.Channel(text), out target, out reason);
        if (WatchTarget.IsPlaylistId(text))
            return Found(WatchTarget.Playlist(text), out target, out reason);
        return Refuse("not a video id (11 characters), playlist id (PL…), channel id (UC…) or @handle", out reason);
    }

    private static bool Video(string id, out WatchTarget? target, out string? reason)
    {
        target = null;
        return WatchTarget.IsVideoId(id) ? Found(WatchTarget.Video(id), out target, out reason)
            : Refuse("the link does not hold a valid video id (11 characters of A-Z, a-z, 0-9, '_', '-')", out reason);
    }

    private static bool Playlist(string id, out WatchTarget? target, out string? reason)
    {
        target = null;
        return WatchTarget.IsPlaylistId(id) ? Found(WatchTarget.Playlist(id), out target, out reason)
            : Refuse("the link does not hold a valid playlist id", out reason);
    }

    private static bool Found(WatchTarget found, out WatchTarget? target, out string? reason)
    {
        target = found;
        reason = null;
        return true;
    }

    private static bool Refuse(string why, out string? reason)
    {
        reason = why;
        return false;
    }

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=');
            if (at <= 0)
                continue;
            result.TryAdd(Uri.UnescapeDataString(pair[..at]), Uri.UnescapeDataString(pair[(at + 1)..]));
        }
        return result;
    }
}
