namespace YouTubeAnalytics.Streams.Telegram;

/// <summary>Telegram's flood limits: per chat, per group (a negative chat id) per minute, and per bot overall.</summary>
public sealed record TelegramLimits(TimeSpan PerChatInterval, int GroupPerMinute, int GlobalPerSecond)
{
    public static TelegramLimits Default { get; } = new(TimeSpan.FromSeconds(1), 20, 30);
}

/// <summary>
/// Spaces sends to Telegram's limits. A caller takes a turn for a chat (one send at a time per chat), sends, and
/// disposes the turn; the next turn for that chat starts a full interval after the previous send came back, so
/// the gap Telegram sees is never shorter, however long the request took. A 429 pauses the chat for retry_after.
/// </summary>
public sealed class TelegramThrottle(TelegramLimits limits, TimeProvider time)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<long, ChatState> _chats = [];
    private readonly Queue<DateTimeOffset> _recentGlobal = new();

    public TelegramThrottle()
        : this(TelegramLimits.Default, TimeProvider.System)
    {
    }

    /// <summary>Waits until a message may go to <paramref name="chatId"/>; dispose the turn once the send returned.</summary>
    public async Task<IDisposable> TakeTurnAsync(long chatId, CancellationToken cancellationToken)
    {
        ChatState chat;
        lock (_lock)
        {
            if (!_chats.TryGetValue(chatId, out chat!))
                _chats[chatId] = chat = new ChatState();
        }
        await chat.Gate.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (_lock)
                {
                    var now = time.GetUtcNow();
                    var at = EarliestSend(chatId, chat, now);
                    if (at <= now)
                    {
                        _recentGlobal.Enqueue(now);
                        return new Turn(this, chatId, chat);
                    }
                    wait = at - now;
                }
                await Task.Delay(wait, time, cancellationToken);
            }
        }
        catch
        {
            chat.Gate.Release();
            throw;
        }
    }

    /// <summary>Telegram said 429: nothing goes to this chat for <paramref name="retryAfter"/>.</summary>
    public void Pause(long chatId, TimeSpan retryAfter)
    {
        lock (_lock)
        {
            if (!_chats.TryGetValue(chatId, out var chat))
                _chats[chatId] = chat = new ChatState();
            var until = time.GetUtcNow() + retryAfter;
            if (until > chat.PausedUntil)
                chat.PausedUntil = until;
        }
    }

    private DateTimeOffset EarliestSend(long chatId, ChatState chat, DateTimeOffset now)
    {
        var at = chat.PausedUntil;
        if (chat.LastSent is { } last && last + limits.PerChatInterval > at)
            at = last + limits.PerChatInterval;
        if (chatId < 0)
        {
            Trim(chat.RecentSends, now - Minute);
            if (chat.RecentSends.Count >= limits.GroupPerMinute)
                at = Later(at, chat.RecentSends.ElementAt(chat.RecentSends.Count - limits.GroupPerMinute) + Minute);
        }
        Trim(_recentGlobal, now - Second);
        if (_recentGlobal.Count >= limits.GlobalPerSecond)
            at = Later(at, _recentGlobal.ElementAt(_recentGlobal.Count - limits.GlobalPerSecond) + Second);
        return at;
    }

    private void Finish(long chatId, ChatState chat)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            chat.LastSent = now;
            if (chatId < 0)
                chat.RecentSends.Enqueue(now);
        }
        chat.Gate.Release();
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static void Trim(Queue<DateTimeOffset> sends, DateTimeOffset before)
    {
        while (sends.Count > 0 && sends.Peek() <= before)
            sends.Dequeue();
    }

    private sealed class ChatState
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public DateTimeOffset? LastSent { get; set; }
        public DateTimeOffset PausedUntil { get; set; } = DateTimeOffset.MinValue;
        public Queue<DateTimeOffset> RecentSends { get; } = new();
    }

    private sealed class Turn(TelegramThrottle throttle, long chatId, ChatState chat) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                throttle.Finish(chatId, chat);
        }
    }
}
