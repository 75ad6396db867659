using YouTubeAnalytics.Actors.Watchlist;

namespace YouTubeAnalytics.Host.Configuration;

/// <summary>
/// The initial watchlist: ids or YouTube URLs of any common form (see YouTubeUrlParser), parsed when bound into
/// <see cref="WatchTargets"/>; the first entry that cannot be read is <see cref="Error"/>, naming its key.
/// </summary>
public sealed class WatchOptions
{
    public const string Section = "Watch";
    private string[] _videos = [];
    private string[] _playlists = [];
    private string[] _channels = [];

    public string[] Videos
    {
        get => _videos;
        set { _videos = value; Parse(); }
    }

    public string[] Playlists
    {
        get => _playlists;
        set { _playlists = value; Parse(); }
    }

    public string[] Channels
    {
        get => _channels;
        set { _channels = value; Parse(); }
    }

    /// <summary>Every entry that could be read, as a target.</summary>
    public IReadOnlyList<WatchTarget> WatchTargets { get; private set; } = [];

    /// <summary>The first entry that cannot be read, e.g. "Watch:Channels:0: …"; null when all can.</summary>
    public string? Error { get; private set; }

    private void Parse()
    {
        string? error = null;
        var targets = new List<WatchTarget>();
        foreach (var (key, entries, kind) in new[]
                 {
                     ("Videos", _videos, WatchKind.Video),
                     ("Playlists", _playlists, WatchKind.Playlist),
                     ("Channels", _channels, WatchKind.Channel),
                 })
        {
            for (var i = 0; i < entries.Length; i++)
            {
                if (!YouTubeUrlParser.TryParse(entries[i], out var target, out var reason))
                    error ??= $"{Section}:{key}:{i}: {reason}";
                else if (target.Kind != kind)
                    error ??= $"{Section}:{key}:{i}: this is a {target.Kind.ToString().ToLowerInvariant()}, not a {kind.ToString().ToLowerInvariant()}";
                else
                    targets.Add(target);
            }
        }
        WatchTargets = targets;
        Error = error;
    }
}
