using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using YouTubeAnalytics.Api.Live;
using YouTubeAnalytics.Api.Security;
using YouTubeAnalytics.Api.Videos;
using YouTubeAnalytics.Host.Composition;
using YouTubeAnalytics.Host.Configuration;

namespace YouTubeAnalytics.Api.Tests.Service;

/// <summary>Secrets with whitespace and limits out of range stop the start naming the key (never the secret).</summary>
public sealed class LimitAndSecretOptionsSpecs
{
    private static string? StartupError<T>(string key, string value) where T : class =>
        OptionsStartup.StartupError<T>(key, value);

    [Theory]
    [InlineData("SECRETyoutubekey0123456789\n")]
    [InlineData(" SECRETyoutubekey0123456789")]
    public void Should_refuse_a_youtube_key_with_whitespace_naming_the_key(string key)
    {
        var error = StartupError<YouTubeOptions>("YouTube:ApiKey", key);

        Assert.NotNull(error);
        Assert.Contains("YouTube:ApiKey", error);
        Assert.DoesNotContain("SECRET", error);
    }

    [Fact]
    public void Should_refuse_an_admin_key_with_a_trailing_newline_naming_the_key()
    {
        var error = StartupError<AdminKeyOptions>("Api:AdminKey", "SECRET-admin-key-0123456789\n");

        Assert.NotNull(error);
        Assert.Contains("Api:AdminKey", error);
        Assert.DoesNotContain("SECRET", error);
    }

    [Fact]
    public void Should_take_secrets_without_whitespace()
    {
        Assert.Null(StartupError<YouTubeOptions>("YouTube:ApiKey", "AIzaSyFakeKey0123456789"));
        Assert.Null(StartupError<AdminKeyOptions>("Api:AdminKey", "admin-key-0123456789"));
    }

    [Theory]
    [InlineData("History:MaxConcurrentReads", "0")]
    [InlineData("History:MaxConcurrentReads", "5000")]
    [InlineData("History:ClockTolerance", "00:00:00")]
    [InlineData("History:ClockTolerance", "2.00:00:00")]
    [InlineData("History:SweepInterval", "00:00:30")]
    [InlineData("History:SweepInterval", "8.00:00:00")]
    public void Should_refuse_a_history_read_limit_out_of_range(string key, string value) =>
        Assert.Contains(key, StartupError<HistoryOptions>(key, value));

    [Theory]
    [InlineData("Api:MaxEventStreams", "0")]
    [InlineData("Api:EventBuffer", "0")]
    public void Should_refuse_an_event_stream_limit_out_of_range(string key, string value) =>
        Assert.Contains(key, StartupError<EventStreamOptions>(key, value));

    [Fact]
    public void Should_default_to_sane_limits()
    {
        Assert.Equal(8, new HistoryOptions().MaxConcurrentReads);
        Assert.Equal(TimeSpan.FromHours(6), new HistoryOptions().SweepInterval);
        Assert.Equal(1_000, new EventStreamOptions().MaxEventStreams);
    }
}
