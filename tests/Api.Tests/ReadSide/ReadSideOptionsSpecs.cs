using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using YouTubeAnalytics.Api.Videos;
using YouTubeAnalytics.Host.Composition;
using YouTubeAnalytics.Host.Configuration;

namespace YouTubeAnalytics.Api.Tests.ReadSide;

/// <summary>Redis:Configuration and History:Retention are checked at start; a bad one is one line naming the key.</summary>
public sealed class ReadSideOptionsSpecs
{
    private static string? StartupError<T>(string key, string value) where T : class =>
        OptionsStartup.StartupError<T>(key, value);

    [Theory]
    [InlineData("redis:6379,password=SECRET-value,nonsense=1")]
    [InlineData(",,,")]
    public void Should_refuse_an_unreadable_redis_configuration_without_echoing_it(string value)
    {
        var error = StartupError<RedisOptions>("Redis:Configuration", value);

        Assert.NotNull(error);
        Assert.Contains("Redis:Configuration", error);
        Assert.DoesNotContain("SECRET", error);
    }

    [Theory]
    [InlineData("localhost:6379")]
    [InlineData("redis:6379,password=p,abortConnect=false")]
    [InlineData("")]
    public void Should_take_a_redis_configuration_string_or_none(string value) =>
        Assert.Null(StartupError<RedisOptions>("Redis:Configuration", value));

    [Theory]
    [InlineData("00:10:00")]
    [InlineData("-1.00:00:00")]
    [InlineData("thirty days")]
    public void Should_refuse_a_retention_that_is_not_a_sensible_time_span(string value) =>
        Assert.Contains("History:Retention", StartupError<HistoryOptions>("History:Retention", value));

    [Fact]
    public void Should_keep_thirty_days_by_default() =>
        Assert.Equal(TimeSpan.FromDays(30), new HistoryOptions().Retention);
}
