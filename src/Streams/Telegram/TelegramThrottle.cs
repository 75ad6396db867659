namespace YouTubeAnalytics.Streams.Telegram;

/// <summary>Telegram's flood limits: per chat, per group (a negative chat id) per minute, and per bot overall.</summary>
public sealed record TelegramLimits(TimeSpan PerChatInterval, int GroupPerMinute, int GlobalPerSecond)
{
    public static TelegramLimits Default { get; } = new(TimeSpan.FromSeconds(1), 20, 30);
}

/// <summary>Who is asking for a turn: within a chat, alerts go before the bot's answers.</summary>
public enum SendPriority
{
    Alert,
    Answer,
}

/// <summary>
/// Spaces sends to Telegram's limits. A caller takes a turn for a chat (one send at a time per chat), sends, and
/// disposes the turn; the next turn for that chat starts a full interval after the previous send came back, so
/// the gap Telegram sees is never shorter, however long the request took. A 429 pauses the chat for retry_after.
/// Within a chat, a waiting alert gets the next turn before any waiting answer (in arrival order within each), so a
/// flood of bot answers never crowds the chat's alerts out.
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
    public Task<IDisposable> TakeTurnAsync(long chatId, CancellationToken cancellationToken) =>
        TakeTurnAsync(chatId, SendPriority.Alert, cancellationToken);

    /// <summary>As <see cref="TakeTurnAsync(long, CancellationToken)"/>; an answer waits while any alert for the chat waits.</summary>
    public async Task<IDisposable> TakeTurnAsync(long chatId, SendPriority priority, CancellationToken cancellationToken)
    {
        ChatState chat;
        lock (_lock)
        {
            if (!_chats.TryGetValue(chatId, out chat!))
                _chats[chatId] = chat = new ChatState();
        }
        await chat.Gate.WaitAsync(priority, cancellationToken);
        var holding = true;
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
                if (priority == SendPriority.Alert)
                {
                    await Task.Delay(wait, time, cancellationToken);
                    continue;
                }
                // An answer waiting out the interval steps back for an alert that asks meanwhile, and comes first
                // among the answers again after it.
                var alertWaits = chat.Gate.AlertWaits();
                using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var delay = Task.Delay(wait, time, stopDelay.Token);
                if (await Task.WhenAny(delay, alertWaits) == delay)
                {
                    await delay; // throws if the caller gave up
                    continue;
                }
                await stopDelay.CancelAsync();
                holding = false;
                await chat.Gate.StepBackAsync(cancellationToken);
                holding = true;
            }
        }
        catch
        {
            if (holding)
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
        public PriorityGate Gate { get; } = new();
        public DateTimeOffset? LastSent { get; set; }
        public DateTimeOffset PausedUntil { get; set; } = DateTimeOffset.MinValue;
        public Queue<DateTimeOffset> RecentSends { get; } = new();
    }

    /// <summary>
    /// One holder at a time; on release the gate passes to the oldest waiting alert, else the oldest answer. An answer
    /// holding the gate while it waits out the chat's interval hears when an alert queues (<see cref="AlertWaits"/>).
    /// </summary>
    private sealed class PriorityGate
    {
        private readonly Lock _lock = new();
        private readonly LinkedList<TaskCompletionSource> _alerts = new();
        private readonly LinkedList<TaskCompletionSource> _answers = new();
        private TaskCompletionSource _alertQueued = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _held;

        public async Task WaitAsync(SendPriority priority, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            LinkedListNode<TaskCompletionSource> node;
            TaskCompletionSource? alertQueued = null;
            lock (_lock)
            {
                if (!_held)
                {
                    _held = true;
                    return;
                }
                if (priority == SendPriority.Alert)
                {
                    node = _alerts.AddLast(waiter);
                    alertQueued = _alertQueued;
                }
                else
                {
                    node = _answers.AddLast(waiter);
                }
            }
            alertQueued?.TrySetResult();
            await AwaitTurn(node, waiter, cancellationToken);
        }

        /// <summary>Completes when an alert queues for the gate (at once if one waits already).</summary>
        public Task AlertWaits()
        {
            lock (_lock)
            {
                if (_alerts.Count > 0)
                    return Task.CompletedTask;
                if (_alertQueued.Task.IsCompleted)
                    _alertQueued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return _alertQueued.Task;
            }
        }

        /// <summary>The answer holding the gate hands it to the waiting alert and waits first among the answers.</summary>
        public async Task StepBackAsync(CancellationToken cancellationToken)
        {
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            LinkedListNode<TaskCompletionSource> node;
            lock (_lock)
                node = _answers.AddFirst(waiter);
            Release();
            await AwaitTurn(node, waiter, cancellationToken);
        }

        private async Task AwaitTurn(LinkedListNode<TaskCompletionSource> node, TaskCompletionSource waiter, CancellationToken cancellationToken)
        {
            await using var cancel = cancellationToken.Register(() =>
            {
                lock (_lock)
                {
                    if (node.List is null)
                        return; // handed the gate already: the caller owns it and releases it
                    node.List.Remove(node);
                }
                waiter.TrySetCanceled(cancellationToken);
            });
            await waiter.Task;
        }

        public void Release()
        {
            TaskCompletionSource next;
            lock (_lock)
            {
                var queue = _alerts.Count > 0 ? _alerts : _answers;
                if (queue.First is not { } first)
                {
                    _held = false;
                    return;
                }
                queue.Remove(first);
                next = first.Value;
            }
            next.SetResult(); // the gate passes to it, still held
        }
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
