using Microsoft.Extensions.Logging;
using YouTubeAnalytics.Actors.Alerts;

namespace YouTubeAnalytics.Streams.Telegram;

/// <summary>
/// Where alerts go; how long a delivered alert id is remembered per chat; how often a parked chat (one that refuses
/// permanently: blocked, kicked, not found) is tried again (default: hourly).
/// </summary>
/// <param name="Retention">History:Retention: alerts a chat held longer than this are summarised in one message.</param>
public sealed record TelegramDeliverySettings(
    IReadOnlyList<long> ChatIds, int RememberedDeliveries = 10_000, TimeSpan ParkedRetry = default, TimeSpan Retention = default)
{
    public static readonly TimeSpan DefaultParkedRetry = TimeSpan.FromHours(1);
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(30);

    public TimeSpan ParkedRetryOrDefault => ParkedRetry > TimeSpan.Zero ? ParkedRetry : DefaultParkedRetry;

    public TimeSpan RetentionOrDefault => Retention > TimeSpan.Zero ? Retention : DefaultRetention;
}

/// <summary>A chat that refuses every message: since when, why (Telegram's code and description), next try.</summary>
public sealed record ParkedChat(long ChatId, string Reason, DateTimeOffset Since, DateTimeOffset RetryAt, int HeldAlerts);

/// <summary>
/// Delivers alerts to one or more Telegram chats: one alert as one message, a backlog as a digest split at 4,096
/// characters, each chat throttled to Telegram's limits by the <see cref="TelegramSender"/> (429, 5xx, parse
/// errors, migrated groups). Alerts a chat muted, or that are under its /threshold, are not sent to it (and count as
/// delivered there). What each chat got is remembered, so a batch retried after a failure resends nothing, and the
/// notifier hears of every alert that reached all chats as soon as it did.
/// A chat that refuses permanently (403 blocked or kicked, 400 chat not found) is parked instead of failing the
/// batch: logged once with the reason, its alerts held for it, tried again at most every ParkedRetry, and sent what it
/// missed when it accepts again (those older than History:Retention in one summary message). A 429 asking for a long
/// pause holds only that chat's alerts until it ends; a group that migrates is followed once per send and at most
/// <see cref="MovesPerHour"/> times an hour, then parked. A held chat is retried by a timer when it is due, not only
/// with the next alert. Every other chat keeps receiving in order; an alert a waiting chat holds counts as
/// delivered there for the notifier, and is reported owed to that chat (<see cref="AlertProgress.Owed"/>): the
/// notifier keeps it across a restart and hands it over again, for that chat only. Each chat's messages are reported
/// received as they go out, so a restart resends nothing a chat already got.
/// </summary>
public sealed partial class TelegramAlertSink : IAlertSink
{
    private readonly TelegramSender _sender;
    private readonly IAlertPreferences? _preferences;
    private readonly ILogger<TelegramAlertSink> _logger;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<ChatRoute> _routes;
    private readonly SentMessages _sent;

    /// <param name="preferences">What each chat asked for with the bot (/mute, /threshold); null: every chat gets everything.</param>
    public TelegramAlertSink(
        TelegramSender sender, TelegramDeliverySettings settings, IAlertPreferences? preferences, ILogger<TelegramAlertSink> logger,
        TimeProvider time)
    {
        if (settings.ChatIds.Count == 0)
            throw new ArgumentException("At least one chat id is needed", nameof(settings));
        _sender = sender;
        _preferences = preferences;
        _logger = logger;
        _time = time;
        _routes = settings.ChatIds.Distinct().Select(id => new ChatRoute(id)).ToList();
        _sent = new SentMessages(settings.RememberedDeliveries);
        _parkedRetry = settings.ParkedRetryOrDefault;
        _retention = settings.RetentionOrDefault;
    }

    private readonly TimeSpan _parkedRetry;
    private readonly TimeSpan _retention;
    private AlertProgress _progress = AlertProgress.None;

    /// <summary>How long a delivery waits for the bot's preferences after a start before sending without them.</summary>
    private static readonly TimeSpan PreferencesWait = TimeSpan.FromSeconds(10);

    public string Name => "telegram";

    /// <summary>The Telegram sink <paramref name="sink"/> is or wraps (the Kafka sink in front of it), or null.</summary>
    public static TelegramAlertSink? Within(IAlertSink? sink) => sink switch
    {
        TelegramAlertSink telegram => telegram,
        Kafka.KafkaAlertSink kafka => Within(kafka.Inner),
        _ => null,
    };

    /// <summary>The chat each configured chat id is delivered to now (a migrated group's supergroup id).</summary>
    public IReadOnlyDictionary<long, long> Routes => _routes.ToDictionary(r => r.Configured, r => r.Current);

    /// <summary>The chats that refuse messages now, with their reason, since when, next try and alerts held.</summary>
    public IReadOnlyList<ParkedChat> ParkedChats => [.. _routes.Select(r => r.Parked()).OfType<ParkedChat>()];

    /// <summary>The name a chat's progress is kept under by the notifier: its configured id.</summary>
    public static string Recipient(long configuredChatId) =>
        "telegram:" + configuredChatId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task DeliverAsync(IReadOnlyList<Alert> alerts, AlertProgress progress, CancellationToken cancellationToken)
    {
        _progress = progress; // a timed retry of held alerts reports through the latest one
        foreach (var route in _routes)
            RestoreMove(route, progress);
        if (_preferences is { WhenLoaded.IsCompleted: false })
        {
            try
            {
                await _preferences.WhenLoaded.WaitAsync(PreferencesWait, _time, cancellationToken);
            }
            catch (TimeoutException)
            {
                LogPreferencesLate(_logger, PreferencesWait);
            }
        }
        var batch = new BatchProgress(alerts, _routes, _sent, progress);
        batch.Report(); // what an earlier attempt of this batch, or of an earlier process, already sent
        await Task.WhenAll(_routes.Select(route => DeliverToChatAsync(route, alerts, batch, progress, cancellationToken)));
    }

    private async Task DeliverToChatAsync(
        ChatRoute route, IReadOnlyList<Alert> alerts, BatchProgress batch, AlertProgress progress, CancellationToken cancellationToken)
    {
        var missing = alerts.Where(a => !_sent.Contains(route.Configured, a.AlertId) && !route.Holds(a.AlertId)
            && progress.Needs(route.Recipient, a.AlertId)).ToList();
        if (_preferences is not null)
        {
            var now = _time.GetUtcNow();
            var unwanted = missing.Where(a => !_preferences.Wants(route.Configured, a, now)).Select(a => a.AlertId).ToList();
            if (unwanted.Count > 0)
            {
                LogHeldBack(_logger, unwanted.Count, route.Configured);
                _sent.Add(route.Configured, unwanted);
                progress.Received(route.Recipient, unwanted);
                missing.RemoveAll(a => unwanted.Contains(a.AlertId));
                batch.Report();
            }
        }
        // One delivery at a time per chat: a batch and a timed retry of held alerts never send the same alert twice.
        await route.Gate.WaitAsync(cancellationToken);
        try
        {
            if (route.IsWaiting(_time.GetUtcNow()))
            {
                route.Hold(missing);
                progress.Owed(route.Recipient, [.. missing.Select(a => a.AlertId)]);
                batch.Report();
                return;
            }
            await SendHeldAsync(route, missing, progress, batch.Report, cancellationToken);
            batch.Report();
        }
        finally
        {
            route.Gate.Release();
        }
    }

    /// <summary>
    /// Sends what the chat holds, in order; a refusal parks the chat, a long 429 or a second migration pauses it, and
    /// either way what is left stays held and a retry is timed for when the chat is due again.
    /// </summary>
    /// <remarks>Any other failure leaves <paramref name="missing"/> unsent and not held: the notifier retries the batch.</remarks>
    private async Task SendHeldAsync(
        ChatRoute route, IReadOnlyList<Alert> missing, AlertProgress progress, Action? sent, CancellationToken cancellationToken)
    {
        var wasParked = route.Parked() is not null;
        var held = route.HeldAlerts().Where(a => !_sent.Contains(route.Configured, a.AlertId)).ToList();
        var toSend = held.Concat(missing).DistinctBy(a => a.AlertId)
            .Where(a => !_sent.Contains(route.Configured, a.AlertId)).ToList();
        void HoldRest()
        {
            var rest = toSend.Where(a => !_sent.Contains(route.Configured, a.AlertId)).ToList();
            route.Hold(rest);
            progress.Owed(route.Recipient, [.. rest.Select(a => a.AlertId)]); // kept by the notifier across restarts
        }
        try
        {
            foreach (var message in Messages(held, toSend, _time.GetUtcNow()))
            {
                await SendAsync(route, message, progress, cancellationToken);
                _sent.Add(route.Configured, message.AlertIds);
                route.Release(message.AlertIds);
                progress.Received(route.Recipient, message.AlertIds);
                sent?.Invoke(); // the notifier records each message's alerts as they go out
            }
        }
        catch (TelegramChatRefusedException refused)
        {
            HoldRest();
            var retryAt = _time.GetUtcNow() + _parkedRetry;
            if (route.Park(refused.Reason, _time.GetUtcNow(), retryAt))
                LogParked(_logger, route.Configured, refused.Reason, _parkedRetry);
            RetryAt(route, retryAt);
            return;
        }
        catch (TelegramChatPausedException paused)
        {
            HoldRest();
            route.Pause(paused.Until);
            RetryAt(route, paused.Until);
            return;
        }
        catch (TelegramChatMovedAgainException moved)
        {
            HoldRest();
            Moved(route, moved.MovedTo, progress);
            var now = _time.GetUtcNow();
            if (route.MovesWithin(now - MovesWindow) >= MovesPerHour)
            {
                var reason = $"moved {MovesPerHour} times within an hour, last to {moved.MovedTo}";
                if (route.Park(reason, now, now + _parkedRetry))
                    LogParked(_logger, route.Configured, reason, _parkedRetry);
                RetryAt(route, now + _parkedRetry);
            }
            else
            {
                route.Pause(now + MoveInterval);
                RetryAt(route, now + MoveInterval);
            }
            return;
        }
        route.Resume();
        if (wasParked)
            LogResumed(_logger, route.Configured, toSend.Count);
    }

    /// <summary>
    /// One alert as one message, several as a digest; held alerts (the chat refused messages or was paused meanwhile)
    /// observed longer than History:Retention ago are summarised in one message before the rest.
    /// </summary>
    private IEnumerable<TelegramMessage> Messages(IReadOnlyList<Alert> held, IReadOnlyList<Alert> alerts, DateTimeOffset now)
    {
        var stale = held.Where(a => a.ObservedAt < now - _retention).Select(a => a.AlertId).ToHashSet();
        var fresh = alerts.Where(a => !stale.Contains(a.AlertId)).ToList();
        if (stale.Count > 0)
            yield return TelegramHtml.Summary([.. alerts.Where(a => stale.Contains(a.AlertId))], _retention);
        if (fresh.Count == 1)
            yield return TelegramHtml.Single(fresh[0]);
        else if (fresh.Count > 1)
            foreach (var message in TelegramHtml.Digest(fresh))
                yield return message;
    }

    /// <summary>Tries the chat's held alerts again when it is due (without waiting for the next alert to be raised).</summary>
    private void RetryAt(ChatRoute route, DateTimeOffset at)
    {
        route.ScheduleRetry(_time, at - _time.GetUtcNow(), () => _ = RetryHeldAsync(route));
    }

    private async Task RetryHeldAsync(ChatRoute route)
    {
        try
        {
            await route.Gate.WaitAsync();
            try
            {
                var now = _time.GetUtcNow();
                if (route.IsWaiting(now))
                    RetryAt(route, route.DueAt()); // a timer may fire a little before the clock reads its time
                else
                    await SendHeldAsync(route, [], Volatile.Read(ref _progress), null, CancellationToken.None);
            }
            finally
            {
                route.Gate.Release();
            }
        }
        catch (Exception e)
        {
            LogRetryFailed(_logger, route.Configured, TelegramSender.Describe(e)); // held still: the next delivery tries again
        }
    }

    private void Moved(ChatRoute route, long to, AlertProgress progress)
    {
        if (route.Current == to)
            return;
        LogRouteMoved(_logger, route.Configured, route.Current, to);
        route.Current = to;
        route.CountMove(_time.GetUtcNow());
        progress.Moved(route.Recipient, to.ToString(System.Globalization.CultureInfo.InvariantCulture)); // persisted: a restart sends there at once
    }

    /// <summary>A chat that migrated before this process started is delivered to where it moved, from the first send.</summary>
    private void RestoreMove(ChatRoute route, AlertProgress progress)
    {
        if (route.MoveRestored)
            return;
        route.MoveRestored = true;
        if (route.Current != route.Configured
            || !long.TryParse(progress.MovedTo(route.Recipient), System.Globalization.NumberStyles.AllowLeadingSign,
                System.Globalization.CultureInfo.InvariantCulture, out var to)
            || to == route.Configured)
            return;
        route.Current = to;
        LogRouteRestored(_logger, route.Configured, to);
    }

    [LoggerMessage(EventId = 212, Level = LogLevel.Warning, Message = "Telegram chat {Configured} (Telegram:ChatId) moved to {To} before this start: delivering there (update Telegram:ChatId)")]
    private static partial void LogRouteRestored(ILogger logger, long configured, long to);

    private static readonly TimeSpan MovesWindow = TimeSpan.FromHours(1);

    /// <summary>Migrations followed per configured chat and hour before it is parked (a chain is not followed further).</summary>
    public const int MovesPerHour = 3;

    /// <summary>The pause before a chat that migrated twice in one send is followed once more.</summary>
    private static readonly TimeSpan MoveInterval = TimeSpan.FromMinutes(1);

    [LoggerMessage(EventId = 208, Level = LogLevel.Warning, Message = "Telegram chat {Configured} (Telegram:ChatId) moved from {From} to {To}: delivering there (update Telegram:ChatId)")]
    private static partial void LogRouteMoved(ILogger logger, long configured, long from, long to);

    [LoggerMessage(EventId = 209, Level = LogLevel.Warning, Message = "Retrying the held alerts of Telegram chat {ChatId} failed ({Reason}): the next delivery tries again")]
    private static partial void LogRetryFailed(ILogger logger, long chatId, string reason);

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "Telegram chat {ChatId} refuses messages ({Reason}): parked, its alerts held for it and tried again every {Retry}")]
    private static partial void LogParked(ILogger logger, long chatId, string reason, TimeSpan retry);

    [LoggerMessage(EventId = 207, Level = LogLevel.Information, Message = "Telegram chat {ChatId} accepts messages again: {Count} held alert(s) sent, delivery resumed")]
    private static partial void LogResumed(ILogger logger, long chatId, int count);

    private async Task SendAsync(ChatRoute route, TelegramMessage message, AlertProgress progress, CancellationToken cancellationToken) =>
        Moved(route, await _sender.SendAsync(route.Current, message, cancellationToken), progress);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "The bot's chat preferences were not loaded within {Wait}: delivering without /mute and /threshold")]
    private static partial void LogPreferencesLate(ILogger logger, TimeSpan wait);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "{Count} alert(s) not sent to chat {ChatId}: muted or under its /threshold")]
    private static partial void LogHeldBack(ILogger logger, int count, long chatId);

    private sealed class ChatRoute(long configured)
    {
        private readonly Lock _lock = new();
        private readonly List<Alert> _held = [];
        private readonly Queue<DateTimeOffset> _moves = new();
        private long _current = configured;
        private (string Reason, DateTimeOffset Since, DateTimeOffset RetryAt)? _parked;
        private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
        private ITimer? _retry;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>Parked or paused (a long 429, a migration chain) and not due for another try yet.</summary>
        public bool IsWaiting(DateTimeOffset now)
        {
            lock (_lock)
                return (_parked is { } p && now < p.RetryAt) || now < _pausedUntil;
        }

        /// <summary>When the chat may be tried again (in the past when it is not waiting).</summary>
        public DateTimeOffset DueAt()
        {
            lock (_lock)
                return _parked is { } p && p.RetryAt > _pausedUntil ? p.RetryAt : _pausedUntil;
        }

        public void Pause(DateTimeOffset until)
        {
            lock (_lock)
                if (until > _pausedUntil)
                    _pausedUntil = until;
        }

        public void CountMove(DateTimeOffset at)
        {
            lock (_lock)
                _moves.Enqueue(at);
        }

        public int MovesWithin(DateTimeOffset since)
        {
            lock (_lock)
            {
                while (_moves.Count > 0 && _moves.Peek() < since)
                    _moves.Dequeue();
                return _moves.Count;
            }
        }

        /// <summary>One timed retry per chat: a later one replaces it.</summary>
        public void ScheduleRetry(TimeProvider time, TimeSpan after, Action retry)
        {
            lock (_lock)
            {
                _retry?.Dispose();
                _retry = time.CreateTimer(_ => retry(), null, after < TimeSpan.Zero ? TimeSpan.Zero : after, Timeout.InfiniteTimeSpan);
            }
        }

        public ParkedChat? Parked()
        {
            lock (_lock)
                return _parked is { } p ? new ParkedChat(Configured, p.Reason, p.Since, p.RetryAt, _held.Count) : null;
        }

        /// <summary>Parks the chat (or moves its next try); true when it was not parked before (log it once).</summary>
        public bool Park(string reason, DateTimeOffset now, DateTimeOffset retryAt)
        {
            lock (_lock)
            {
                var fresh = _parked is null;
                _parked = (reason, _parked?.Since ?? now, retryAt);
                return fresh;
            }
        }

        public void Resume()
        {
            lock (_lock)
            {
                _parked = null;
                _pausedUntil = DateTimeOffset.MinValue;
            }
        }

        public bool Holds(string alertId)
        {
            lock (_lock)
                return _held.Exists(a => a.AlertId == alertId);
        }

        public void Hold(IEnumerable<Alert> alerts)
        {
            lock (_lock)
                foreach (var alert in alerts)
                    if (!_held.Exists(a => a.AlertId == alert.AlertId))
                        _held.Add(alert);
        }

        public List<Alert> HeldAlerts()
        {
            lock (_lock)
                return [.. _held];
        }

        public void Release(IEnumerable<string> alertIds)
        {
            var ids = alertIds.ToHashSet();
            lock (_lock)
                _held.RemoveAll(a => ids.Contains(a.AlertId));
        }

        public long Configured { get; } = configured;

        public string Recipient { get; } = TelegramAlertSink.Recipient(configured);

        /// <summary>Whether the move recorded before this start was looked up (once, at the first delivery).</summary>
        public bool MoveRestored { get; set; }

        public long Current
        {
            get => Interlocked.Read(ref _current);
            set => Interlocked.Exchange(ref _current, value);
        }
    }

    /// <summary>Which alerts each chat got, the last N of them (enough to cover any batch being retried).</summary>
    private sealed class SentMessages(int capacity)
    {
        private readonly Lock _lock = new();
        private readonly HashSet<(long, string)> _sent = [];
        private readonly Queue<(long, string)> _order = new();

        public bool Contains(long chat, string alertId)
        {
            lock (_lock)
                return _sent.Contains((chat, alertId));
        }

        public void Add(long chat, IEnumerable<string> alertIds)
        {
            lock (_lock)
            {
                foreach (var id in alertIds)
                {
                    if (!_sent.Add((chat, id)))
                        continue;
                    _order.Enqueue((chat, id));
                    if (_order.Count > capacity)
                        _sent.Remove(_order.Dequeue());
                }
            }
        }
    }

    /// <summary>Reports the longest prefix of a batch that every chat has (sent, held, or had before), once, as it grows.</summary>
    private sealed class BatchProgress(
        IReadOnlyList<Alert> alerts, IReadOnlyList<ChatRoute> routes, SentMessages sent, AlertProgress progress)
    {
        private readonly Lock _lock = new();
        private int _reported;

        public void Report()
        {
            lock (_lock)
            {
                var end = _reported;
                while (end < alerts.Count && routes.All(r => sent.Contains(r.Configured, alerts[end].AlertId) || r.Holds(alerts[end].AlertId)
                    || !progress.Needs(r.Recipient, alerts[end].AlertId)))
                    end++;
                if (end == _reported)
                    return;
                var ids = alerts.Skip(_reported).Take(end - _reported).Select(a => a.AlertId).ToList();
                _reported = end;
                progress.Delivered(ids);
            }
        }
    }
}
