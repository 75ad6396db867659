namespace YouTubeAnalytics.Actors.Bot;

/// <summary>
/// Telegram:CommandsPerMinute for each user (or chat, when Telegram names no user): commands within the limit over the
/// last minute are carried out; the first one over it gets one short "slow down" answer; the rest of that minute are
/// dropped without an answer, so a flood of commands cannot crowd the chat's alerts out. Pure, not persisted: a restart
/// starts every user afresh.
/// </summary>
public sealed class CommandRateLimit(int perMinute)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Dictionary<long, Caller> _callers = [];

    public enum Verdict
    {
        Allow,
        SlowDown,
        Drop,
    }

    public const string SlowDownHtml = "Slow down: too many commands. Try again in a minute.";

    public Verdict Check(BotUpdate update, DateTimeOffset now)
    {
        var key = update.FromUserId ?? update.ChatId;
        if (!_callers.TryGetValue(key, out var caller))
            _callers[key] = caller = new Caller();
        while (caller.Recent.Count > 0 && caller.Recent.Peek() <= now - Window)
            caller.Recent.Dequeue();
        if (caller.Recent.Count < perMinute)
        {
            caller.Recent.Enqueue(now);
            caller.Warned = false;
            return Verdict.Allow;
        }
        if (caller.Warned)
            return Verdict.Drop;
        caller.Warned = true;
        return Verdict.SlowDown;
    }

    private sealed class Caller
    {
        public Queue<DateTimeOffset> Recent { get; } = new();
        public bool Warned { get; set; }
    }
}
