namespace YouTubeAnalytics.Actors.Bot;

/// <summary>A chat message as the bot sees it: which update it was, from which chat, what it said.</summary>
/// <param name="FromUserId">The Telegram user who wrote the message (null when Telegram names none, e.g. a channel post).</param>
/// <param name="Unreadable">The update's id was read but not its message: the bot only moves its offset past it.</param>
public sealed record BotUpdate(long UpdateId, long ChatId, string? Text, long? FromUserId = null, bool Unreadable = false);

/// <summary>What the bot answers to an update, and the setting it changed, if any (persisted before the answer goes out).</summary>
public sealed record BotOutcome(string ReplyHtml, IBotEvent? Change = null);

/// <summary>The bot's line to the chat service (Telegram's getUpdates and sendMessage).</summary>
public interface IBotChannel
{
    /// <summary>The bot's username once known (getMe); a group command addressed to another bot is not ours.</summary>
    string? Username { get; }

    /// <summary>Long-polls for updates from <paramref name="offset"/> on; confirms (drops) every update before it.</summary>
    Task<IReadOnlyList<BotUpdate>> ReceiveAsync(long offset, CancellationToken cancellationToken);

    Task ReplyAsync(long chatId, string html, CancellationToken cancellationToken);
}

/// <summary>Carries out a parsed command: asks the watchlist, the videos or the read side, and words the answer.</summary>
public interface IBotCommandHandler
{
    Task<BotOutcome> HandleAsync(BotUpdate update, BotCommand command, ChatSettings settings, CancellationToken cancellationToken);
}
