using System.Collections.Immutable;
using YouTubeAnalytics.Actors.Alerts;

namespace YouTubeAnalytics.Actors.Bot;

/// <summary>What one chat asked for with /threshold and /mute.</summary>
public sealed record ChatSettings(decimal? ThresholdPercent, ImmutableDictionary<string, DateTimeOffset> MutedUntil)
{
    public static ChatSettings Default { get; } = new(null, ImmutableDictionary<string, DateTimeOffset>.Empty);

    public bool IsMuted(string videoId, DateTimeOffset now) => MutedUntil.TryGetValue(videoId, out var until) && until > now;

    /// <summary>Whether an alert is news for this chat: not muted, and over its threshold (milestones and new uploads always are).</summary>
    public bool Wants(Alert alert, DateTimeOffset now)
    {
        if (IsMuted(alert.VideoId, now))
            return false;
        if (ThresholdPercent is not { } threshold)
            return true;
        return alert.Breaches.Any(b => b.DeltaPct is not { } pct || pct >= threshold);
    }

    public ChatSettings Mute(string videoId, DateTimeOffset until, DateTimeOffset now) =>
        this with { MutedUntil = Expired(now).SetItem(videoId, until) };

    public ChatSettings Unmute(string videoId, DateTimeOffset now) => this with { MutedUntil = Expired(now).Remove(videoId) };

    /// <summary>The mutes still running: an expired one is dropped the next time the chat's mutes change.</summary>
    private ImmutableDictionary<string, DateTimeOffset> Expired(DateTimeOffset now) =>
        MutedUntil.RemoveRange(MutedUntil.Where(m => m.Value <= now).Select(m => m.Key));
}

/// <summary>Every chat's settings; a chat that never spoke has the defaults.</summary>
public sealed record ChatPreferences(ImmutableDictionary<long, ChatSettings> Chats)
{
    public static ChatPreferences Empty { get; } = new(ImmutableDictionary<long, ChatSettings>.Empty);

    public ChatSettings For(long chatId) => Chats.GetValueOrDefault(chatId) ?? ChatSettings.Default;

    public bool Wants(long chatId, Alert alert, DateTimeOffset now) => For(chatId).Wants(alert, now);

    public ChatPreferences With(long chatId, ChatSettings settings) => new(Chats.SetItem(chatId, settings));
}

/// <summary>Where the bot hands the preferences it persisted (after recovery and after every change).</summary>
public interface IChatPreferencesPublisher
{
    void Publish(ChatPreferences preferences);
}

/// <summary>
/// The in-process placement of the preferences: the bot publishes into it, the Telegram sink reads it as
/// <see cref="IAlertPreferences"/>. It works while the bot and the notifier are cluster singletons of the same role
/// (they run on the same, oldest, node); another placement is another implementation of the two seams.
/// </summary>
public sealed class ChatPreferencesRegistry : IAlertPreferences, IChatPreferencesPublisher
{
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ChatPreferences _current = ChatPreferences.Empty;

    public Task WhenLoaded => _loaded.Task;

    public ChatPreferences Current => _current;

    public bool Wants(long chatId, Alert alert, DateTimeOffset now) => _current.Wants(chatId, alert, now);

    public void Publish(ChatPreferences preferences)
    {
        _current = preferences;
        _loaded.TrySetResult();
    }
}
