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
    private static string? StartupError(string? token, string? chatId, params (string Key, string Value)[] more)
    {
        var values = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = token,
            ["Telegram:ChatId"] = chatId,
        };
        foreach (var (key, value) in more)
            values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
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
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData(" ")]
    public void Should_refuse_a_token_with_whitespace_naming_the_key_but_not_the_token(string tail)
    {
        var error = StartupError(FakeTelegramServer.Token + tail, "1");

        Assert.NotNull(error);
        Assert.Contains("Telegram:BotToken", error);
        Assert.Contains("whitespace", error);
        Assert.DoesNotContain(FakeTelegramServer.Token.Split(':')[1], error);
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

    [Theory]
    [InlineData("Telegram:AllowedChatIds", "12,me")]
    [InlineData("Telegram:AllowedChatIds", "0")]
    [InlineData("Telegram:AllowedUserIds", "42,me")]
    [InlineData("Telegram:AllowedUserIds", "-100")]
    [InlineData("Telegram:PollTimeout", "00:01:00")]
    [InlineData("Telegram:PollTimeout", "-00:00:01")]
    [InlineData("Telegram:PollTimeout", "00:00:00")]
    [InlineData("Telegram:ParkedRetry", "00:00:00")]
    [InlineData("Telegram:ParkedRetry", "-01:00:00")]
    [InlineData("Telegram:DailySummaryAt", "25:00")]
    [InlineData("Telegram:DailySummaryAt", "8am")]
    [InlineData("Telegram:DailySummaryAt", "08:00 Mars/Olympus")]
    public void Should_refuse_bot_settings_it_cannot_use_naming_the_key(string key, string value) =>
        Assert.Contains(key, StartupError(FakeTelegramServer.Token, "12345", (key, value)));

    [Fact]
    public void Should_let_the_alert_chats_command_the_bot_unless_told_otherwise()
    {
        Assert.Equal([12345L], new TelegramOptions { ChatId = "12345" }.EffectiveAllowedChatIds());
        Assert.Equal([777L, -100L], new TelegramOptions { ChatId = "12345", AllowedChatIds = "777,-100" }.EffectiveAllowedChatIds());
        Assert.Null(StartupError(FakeTelegramServer.Token, "12345", ("Telegram:AllowedChatIds", "777, -100"), ("Telegram:Commands", "false")));
    }

    [Theory]
    [InlineData("08:00", "08:00 UTC")]
    [InlineData(" 7:30 Europe/Berlin ", "07:30 Europe/Berlin")]
    public void Should_take_a_daily_summary_time_with_an_optional_zone(string value, string schedule)
    {
        Assert.Null(StartupError(FakeTelegramServer.Token, "12345", ("Telegram:DailySummaryAt", value)));
        Assert.Equal(schedule, new TelegramOptions { DailySummaryAt = value }.DailySummary?.ToString());
        Assert.Null(new TelegramOptions { DailySummaryAt = "" }.DailySummary);
    }
}
