using YouTubeAnalytics.Actors.Bot;

namespace YouTubeAnalytics.Actors.Tests.Bot;

/// <summary>Who may command the bot: the allowed chats, and within them the allowed users when that list is set.</summary>
public sealed class BotAccessSpecs
{
    private const long Group = -1001234567890;

    [Fact]
    public void Should_let_every_member_of_an_allowed_group_command_it_by_default()
    {
        var settings = TelegramBotSettings.For([Group]);

        Assert.Null(settings.Refuses(new BotUpdate(1, Group, "/list", FromUserId: 42)));
        Assert.Null(settings.Refuses(new BotUpdate(2, Group, "/list", FromUserId: 43)));
    }

    [Fact]
    public void Should_refuse_a_group_member_not_in_the_allowed_users()
    {
        var settings = TelegramBotSettings.For([Group], [42]);

        Assert.Null(settings.Refuses(new BotUpdate(1, Group, "/unwatch x", FromUserId: 42)));
        Assert.Equal("Telegram:AllowedUserIds", settings.Refuses(new BotUpdate(2, Group, "/unwatch x", FromUserId: 43)));
        Assert.Equal("Telegram:AllowedUserIds", settings.Refuses(new BotUpdate(3, Group, "/unwatch x", FromUserId: null)));
    }

    [Fact]
    public void Should_refuse_an_allowed_user_in_a_chat_not_allowed()
    {
        var settings = TelegramBotSettings.For([Group], [42]);

        Assert.Equal("Telegram:AllowedChatIds", settings.Refuses(new BotUpdate(1, 777, "/list", FromUserId: 42)));
    }
}
