using YouTubeAnalytics.Host.Configuration;
using YouTubeAnalytics.Streams.YouTube;

namespace YouTubeAnalytics.Api.Tests.YouTube;

/// <summary>YouTube:StatsEndpoint and YouTube:BatchGetStatsQuota: a bad value stops the start naming the key.</summary>
public sealed class QuotaOptionsSpecs
{
    [Theory]
    [InlineData("YouTube:StatsEndpoint", "videos.batchGetStats")]
    [InlineData("YouTube:StatsEndpoint", "all")]
    [InlineData("YouTube:BatchGetStatsQuota", "0")]
    [InlineData("YouTube:BatchGetStatsQuota", "-5")]
    public void Should_refuse_a_bad_value_naming_the_key(string key, string value) =>
        Assert.Contains(key, OptionsStartup.StartupError<YouTubeOptions>(key, value));

    [Theory]
    [InlineData("videos.list", StatsEndpoint.VideosList)]
    [InlineData("batchGetStats", StatsEndpoint.BatchGetStats)]
    [InlineData("BOTH", StatsEndpoint.Both)]
    public void Should_take_the_three_endpoints(string value, StatsEndpoint expected)
    {
        Assert.Null(OptionsStartup.StartupError<YouTubeOptions>("YouTube:StatsEndpoint", value));
        Assert.Equal(expected, new YouTubeOptions { StatsEndpoint = value }.Stats);
    }

    [Fact]
    public void Should_default_to_videos_list_and_10000_units_for_the_second_bucket()
    {
        var options = new YouTubeOptions();
        Assert.Equal(StatsEndpoint.VideosList, options.Stats);
        Assert.Equal(10_000, options.BatchGetStatsQuota);
    }
}
