using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Contracts;

namespace YouTubeAnalytics.Actors.Videos;

/// <summary>
/// The "new:video" alert, raised by the video itself at the sample that announces it
/// (<see cref="VideoState.AnnouncesNewUpload"/>), so it carries the title, the channel and the first counts. The id
/// depends on the video alone: raised again (a replay, another node), it is still one alert, delivered once.
/// </summary>
public static class NewUploadRule
{
    public const string Rule = "new:video";

    public static string AlertIdFor(string videoId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Rule}|{videoId}")), 0, 10);

    /// <summary>
    /// The alert for <paramref name="sample"/>; <paramref name="others"/> are the rules the same sample broke (a stream
    /// that went live), kept after the new upload, which is the news. Window: the time since it was published.
    /// </summary>
    public static Alert AlertFor(VideoStatsObserved sample, VideoStatsObserved? previous, ImmutableArray<Breach> others)
    {
        var sincePublished = sample.PublishedAt is { } published && sample.ObservedAt > published
            ? sample.ObservedAt - published
            : TimeSpan.Zero;
        var breach = new Breach(Rule, Metric.Views, 0, sample.ViewCount, sample.ViewCount, null, sincePublished);
        return new Alert(
            AlertIdFor(sample.VideoId), sample.VideoId, sample.Title ?? previous?.Title, sample.ChannelTitle ?? previous?.ChannelTitle,
            sample.ObservedAt, sample.ViewCount, sample.LikeCount, sample.CommentCount, [breach, .. others],
            ChannelId: sample.ChannelId ?? previous?.ChannelId);
    }
}
