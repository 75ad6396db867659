using YouTubeAnalytics.Actors.Contracts;

namespace YouTubeAnalytics.Actors.Tests.Support;

/// <summary>Builds samples for specs: one video, minutes apart, counts given per call.</summary>
public static class Samples
{
    public const string Id = "dQw4w9WgXcQ";
    public static readonly DateTimeOffset T0 = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    public static VideoStatsObserved At(
        int minute, long views, long? likes = 100, long? comments = 10, string videoId = Id, string title = "Never Gonna Give You Up") =>
        new(videoId, "UCuAXFkgsw1L7xaCfnd5JJOw", title, "Rick Astley", T0.AddYears(-15), views, likes, comments,
            T0.AddMinutes(minute), SampleSources.YouTube);
}
