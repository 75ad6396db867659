using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using YouTubeAnalytics.Actors.Contracts;

namespace YouTubeAnalytics.Streams.Demo;

/// <summary>
/// One simulated video whose counts are a pure function of time: steady decaying growth, quiet hours, the odd
/// spike. Because the counts depend only on the clock, a restarted process continues where it left off instead
/// of starting the videos over.
/// </summary>
public sealed class DemoVideo
{
    private readonly double _viewsPerMinute;
    private readonly double _launchBoost;
    private readonly double _launchDecayHours;
    private readonly double _spikeChancePerHour;
    private readonly double _quietChancePerHour;
    private readonly long _startViews;
    private readonly double? _likeRatio;
    private readonly double? _commentRatio;
    private readonly uint _seed;

    // Views accumulated over whole hours since publication, memoised: each sample only adds the hours since the last.
    private long _cachedHour = -1;
    private double _cachedViews;

    public DemoVideo(
        string videoId, string title, string channelId, string channelTitle, DateTimeOffset publishedAt,
        long startViews, double viewsPerMinute, double launchBoost, double launchDecayHours, double spikeChancePerHour, double quietChancePerHour,
        double? likeRatio, double? commentRatio)
    {
        VideoId = videoId;
        Title = title;
        ChannelId = channelId;
        ChannelTitle = channelTitle;
        PublishedAt = publishedAt;
        _startViews = startViews;
        _viewsPerMinute = viewsPerMinute;
        _launchBoost = launchBoost;
        _launchDecayHours = launchDecayHours;
        _spikeChancePerHour = spikeChancePerHour;
        _quietChancePerHour = quietChancePerHour;
        _likeRatio = likeRatio;
        _commentRatio = commentRatio;
        _seed = BinaryPrimitives.ReadUInt32LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(videoId)));
    }

    public string VideoId { get; }
    public string Title { get; }
    public string ChannelId { get; }
    public string ChannelTitle { get; }
    public DateTimeOffset PublishedAt { get; }

    /// <summary>Where YouTube serves a video's 320×180 thumbnail: a pure function of the id, as the demo's counts are of time.</summary>
    public string ThumbnailUrl => $"https://i.ytimg.com/vi/{VideoId}/mqdefault.jpg";

    /// <summary>The sample a poll at <paramref name="at"/> would see.</summary>
    public VideoStatsObserved SampleAt(DateTimeOffset at)
    {
        var views = ViewsAt(at);
        // Likes and comments trail views with a little per-video wobble; null when the creator hides them.
        long? likes = _likeRatio is { } lr ? (long)(views * lr) : null;
        long? comments = _commentRatio is { } cr ? (long)(views * cr) : null;
        return new VideoStatsObserved(
            VideoId, ChannelId, Title, ChannelTitle, PublishedAt, views, likes, comments, at, SampleSources.Demo)
        {
            ThumbnailUrl = ThumbnailUrl,
        };
    }

    public long ViewsAt(DateTimeOffset at)
    {
        var minutes = (at - PublishedAt).TotalMinutes;
        if (minutes <= 0)
            return _startViews;
        var fullHours = (long)(minutes / 60);
        if (fullHours < _cachedHour)
        {
            _cachedHour = -1; // asked about an earlier time than cached: recompute from publication
            _cachedViews = 0;
        }
        for (var h = _cachedHour + 1; h < fullHours; h++)
            _cachedViews += ViewsInHour(h, 60);
        if (fullHours > 0)
            _cachedHour = fullHours - 1;
        return _startViews + (long)(_cachedViews + ViewsInHour(fullHours, minutes - fullHours * 60));
    }

    private double ViewsInHour(long hour, double minutesElapsed)
    {
        var rate = _viewsPerMinute * (1 + _launchBoost * Math.Exp(-hour / _launchDecayHours));
        var quiet = Noise(hour, 1) < _quietChancePerHour;
        var activity = quiet ? 0.05 : 0.6 + 0.8 * Noise(hour, 2);
        var steady = rate * activity * minutesElapsed;
        if (quiet || Noise(hour, 3) >= _spikeChancePerHour)
            return steady;
        // A spike: several hours' worth of views arriving over the first quarter of the hour.
        var spike = rate * 60 * (3 + 9 * Noise(hour, 4));
        return steady + spike * Math.Min(1, minutesElapsed / 15);
    }

    /// <summary>A deterministic value in [0, 1) for this video, hour and purpose.</summary>
    private double Noise(long hour, uint salt)
    {
        var x = (ulong)hour * 0x9E3779B97F4A7C15UL ^ ((ulong)_seed << 8) ^ salt * 0xBF58476D1CE4E5B9UL;
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }
}
