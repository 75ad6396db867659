using System.Text.Json;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Live;
using YouTubeAnalytics.Actors.Tests.Support;

namespace YouTubeAnalytics.Actors.Tests.Contracts;

/// <summary>The processed topic's record names the channel (issue 21): the video's, or the channel itself.</summary>
public sealed class SignificantActivitySpecs
{
    private static JsonElement Encoded(Alert alert) => JsonDocument.Parse(SignificantActivity.From(alert).Encode()).RootElement;

    [Fact]
    public void Should_name_the_channel_of_a_go_live_alert_and_of_a_channel_alert()
    {
        var live = new Alert("0123456789abcdef0123", Samples.Id, "t", "c", Samples.T0, 1_000, null, null,
            [new Breach(LiveBroadcast.StartedRule, Metric.Viewers, 0, 42, 42, null, TimeSpan.FromMinutes(1))], ChannelId: "UCuAXFkgsw1L7xaCfnd5JJOw");
        var root = Encoded(live);
        Assert.Equal("UCuAXFkgsw1L7xaCfnd5JJOw", root.GetProperty("channelId").GetString());
        Assert.Equal("live:started", root.GetProperty("rule").GetString());
        Assert.Equal("viewers", root.GetProperty("metric").GetString());
        Assert.Equal(42, root.GetProperty("current").GetInt64());

        // An alert persisted before it knew its channel (channel alerts always had it in videoId).
        Assert.Equal(JsonValueKind.Null, Encoded(live with { ChannelId = null }).GetProperty("channelId").ValueKind);
        var channel = live with { VideoId = "UCBR8-60-B28hp2BmDPdntcQ", ChannelId = null, Subject = AlertSubject.Channel };
        Assert.Equal("UCBR8-60-B28hp2BmDPdntcQ", Encoded(channel).GetProperty("channelId").GetString());
    }
}
