using YouTubeAnalytics.Actors.Alerts;

namespace YouTubeAnalytics.Telegram.Tests;

public static class Alerts
{
    public static Alert Change(string videoId, string title, long views, DateTimeOffset? observedAt = null) => new(
        $"{videoId}:{views}", videoId, title, "Channel", observedAt ?? DateTimeOffset.UnixEpoch, views, null, null,
        [new Breach("change:views:5%", Metric.Views, views - 1_994, views, 1_994, 7.22m, TimeSpan.FromHours(3))]);
}
