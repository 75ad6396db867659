using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using YouTubeAnalytics.Host.Composition;
using YouTubeAnalytics.Host.Configuration;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Telegram.Tests.Host;

/// <summary>The host's start-up validation of the Telegram section, as StartupErrors reports it.</summary>
public sealed class TelegramOptionsSpecs
{
    private static string? StartupError(string? token, string? chatId)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = token,
            ["Telegram:ChatId"] = chatId,
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddAppOptions();
        using var provider = services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<IOptions<TelegramOptions>>().Value;
            return null;
        }
        catch (OptionsValidationException e)
        {
            return StartupErrors.Describe(e);
        }
    }

    [Fact]
    public void Should_refuse_a_malformed_token_naming_the_key_but_not_the_token()
    {
        var error = StartupError("SECRET-not-a-token", "1");

        Assert.NotNull(error);
        Assert.Contains("Telegram:BotToken", error);
        Assert.DoesNotContain("SECRET", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("@channel")]
    [InlineData("12,abc")]
    public void Should_refuse_a_token_without_numeric_chat_ids(string chatId) =>
        Assert.Contains("Telegram:ChatId", StartupError(FakeTelegramServer.Token, chatId));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Should_need_nothing_without_a_token(string? token) => Assert.Null(StartupError(token, null));

    [Fact]
    public void Should_take_several_chats_comma_separated()
    {
        Assert.Null(StartupError(FakeTelegramServer.Token, "12345, -1001234567890"));
        Assert.True(TelegramOptions.TryParseChatIds("12345, -1001234567890,12345", out var ids));
        Assert.Equal([12345L, -1001234567890L], ids);
    }
}
