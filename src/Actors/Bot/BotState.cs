using YouTubeAnalytics.Actors.Serialization;

namespace YouTubeAnalytics.Actors.Bot;

/// <summary>An event in the bot's journal (persistence id "telegram-bot"); each carries the update it handled.</summary>
public interface IBotEvent : IProtocolMessage
{
    long UpdateId { get; }
}

public static class BotEvents
{
    /// <summary>An update was handled and changed no setting (a query, a watchlist change, an ignored chat).</summary>
    public sealed record UpdateHandled(long UpdateId, DateTimeOffset At) : IBotEvent;

    /// <summary>A chat's threshold; null: back to the node's own.</summary>
    public sealed record ThresholdSet(long UpdateId, long ChatId, decimal? Percent, DateTimeOffset At) : IBotEvent;

    /// <summary>A video muted in a chat until <paramref name="Until"/>; null unmutes it.</summary>
    public sealed record VideoMuted(long UpdateId, long ChatId, string VideoId, DateTimeOffset? Until, DateTimeOffset At) : IBotEvent;
}

/// <summary>
/// The bot's durable memory: the last Telegram update handled (getUpdates resumes after it, so a restart does not
/// replay commands) and every chat's settings. Pure: the actor persists, this folds.
/// </summary>
public sealed record BotState(long LastUpdateId, ChatPreferences Preferences) : IProtocolMessage
{
    public static BotState Empty { get; } = new(0, ChatPreferences.Empty);

    /// <summary>The getUpdates offset: the first update not handled yet.</summary>
    public long NextOffset => LastUpdateId + 1;

    public bool WasHandled(long updateId) => updateId <= LastUpdateId;

    public BotState Apply(IBotEvent e)
    {
        var preferences = e switch
        {
            BotEvents.ThresholdSet t => Preferences.With(t.ChatId, Preferences.For(t.ChatId) with { ThresholdPercent = t.Percent }),
            BotEvents.VideoMuted { Until: { } until } m => Preferences.With(m.ChatId, Preferences.For(m.ChatId).Mute(m.VideoId, until, m.At)),
            BotEvents.VideoMuted m => Preferences.With(m.ChatId, Preferences.For(m.ChatId).Unmute(m.VideoId, m.At)),
            _ => Preferences,
        };
        return new BotState(Math.Max(LastUpdateId, e.UpdateId), preferences);
    }
}
