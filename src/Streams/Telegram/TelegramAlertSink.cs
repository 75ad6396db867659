using Microsoft.Extensions.Logging;
using YouTubeAnalytics.Actors.Alerts;

namespace YouTubeAnalytics.Streams.Telegram;

/// <summary>
/// Where alerts go; how long a delivered alert id is remembered per chat; how often a parked chat (one that refuses
/// permanently: blocked, kicked, not found) is tried again (default: hourly).
/// </summary>
public sealed record TelegramDeliverySettings(IReadOnlyList<long> ChatIds, int RememberedDeliveries = 10_000, TimeSpan ParkedRetry = default)
{
    public static readonly TimeSpan DefaultParkedRetry = TimeSpan.FromHours(1);

    public TimeSpan ParkedRetryOrDefault => ParkedRetry > TimeSpan.Zero ? ParkedRetry : DefaultParkedRetry;
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
/// missed when it accepts again. Every other chat keeps receiving in order; an alert a parked chat holds counts as
/// delivered there for the notifier (the held alerts live in this process: a restart while a chat is parked drops them).
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
    }

    private readonly TimeSpan _parkedRetry;

    /// <summary>How long a delivery waits for the bot's preferences after a start before sending without them.</summary>
    private static readonly TimeSpan PreferencesWait = TimeSpan.FromSeconds(10);

    public string Name => "telegram";

    /// <summary>The chat each configured chat id is delivered to now (a migrated group's supergroup id).</summary>
    public IReadOnlyDictionary<long, long> Routes => _routes.ToDictionary(r => r.Configured, r => r.Current);

    /// <summary>The chats that refuse messages now, with their reason, since when, next try and alerts held.</summary>
    public IReadOnlyList<ParkedChat> ParkedChats => [.. _routes.Select(r => r.Parked()).OfType<ParkedChat>()];

    public async Task DeliverAsync(IReadOnlyList<Alert> alerts, Action<IReadOnlyList<string>> delivered, CancellationToken cancellationToken)
    {
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
        var progress = new Progress(alerts, _routes, _sent, delivered);
        progress.Report(); // what an earlier attempt of this batch already sent
        await Task.WhenAll(_routes.Select(route => DeliverToChatAsync(route, alerts, progress, cancellationToken)));
    }

    private async Task DeliverToChatAsync(ChatRoute route, IReadOnlyList<Alert> alerts, Progress progress, CancellationToken cancellationToken)
    {
        var missing = alerts.Where(a => !_sent.Contains(route.Configured, a.AlertId) && !route.Holds(a.AlertId)).ToList();
        if (_preferences is not null)
        {
            var now = _time.GetUtcNow();
            var unwanted = missing.Where(a => !_preferences.Wants(route.Configured, a, now)).Select(a => a.AlertId).ToList();
            if (unwanted.Count > 0)
            {
                LogHeldBack(_logger, unwanted.Count, route.Configured);
                _sent.Add(route.Configured, unwanted);
                missing.RemoveAll(a => unwanted.Contains(a.AlertId));
                progress.Report();
            }
        }
        if (route.IsWaiting(_time.GetUtcNow()))
        {
            route.Hold(missing);
            progress.Report();
            return;
        }
        var wasParked = route.Parked() is not null;
        var toSend = route.HeldAlerts().Concat(missing).DistinctBy(a => a.AlertId)
            .Where(a => !_sent.Contains(route.Configured, a.AlertId)).ToList();
        var messages = toSend.Count switch
        {
            0 => [],
            1 => [TelegramHtml.Single(toSend[0])],
            _ => TelegramHtml.Digest(toSend),
        };
        try
        {
            foreach (var message in messages)
            {
                await SendAsync(route, message, cancellationToken);
                _sent.Add(route.Configured, message.AlertIds);
                route.Release(message.AlertIds);
                progress.Report();
            }
        }
        catch (TelegramChatRefusedException refused)
        {
            route.Hold(toSend.Where(a => !_sent.Contains(route.Configured, a.AlertId)));
            var retryAt = _time.GetUtcNow() + _parkedRetry;
            if (route.Park(refused.Reason, _time.GetUtcNow(), retryAt))
                LogParked(_logger, route.Configured, refused.Reason, _parkedRetry);
            progress.Report();
            return;
        }
        if (wasParked)
        {
            LogResumed(_logger, route.Configured, toSend.Count);
            route.Resume();
        }
    }

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "Telegram chat {ChatId} refuses messages ({Reason}): parked, its alerts held for it and tried again every {Retry}")]
    private static partial void LogParked(ILogger logger, long chatId, string reason, TimeSpan retry);

    [LoggerMessage(EventId = 207, Level = LogLevel.Information, Message = "Telegram chat {ChatId} accepts messages again: {Count} held alert(s) sent, delivery resumed")]
    private static partial void LogResumed(ILogger logger, long chatId, int count);

    private async Task SendAsync(ChatRoute route, TelegramMessage message, CancellationToken cancellationToken) =>
        route.Current = await _sender.SendAsync(route.Current, message, cancellationToken);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "The bot's chat preferences were not loaded within {Wait}: delivering without /mute and /threshold")]
    private static partial void LogPreferencesLate(ILogger logger, TimeSpan wait);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "{Count} alert(s) not sent to chat {ChatId}: muted or under its /threshold")]
    private static partial void LogHeldBack(ILogger logger, int count, long chatId);

    private sealed class ChatRoute(long configured)
    {
        private readonly Lock _lock = new();
        private readonly List<Alert> _held = [];
        private long _current = configured;
        private (string Reason, DateTimeOffset Since, DateTimeOffset RetryAt)? _parked;

        /// <summary>Parked and not due for another try yet.</summary>
        public bool IsWaiting(DateTimeOffset now)
        {
            lock (_lock)
                return _parked is { } p && now < p.RetryAt;
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
                _parked = null;
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

    /// <summary>Reports the longest prefix of a batch that every chat has, once, as it grows.</summary>
    private sealed class Progress(
        IReadOnlyList<Alert> alerts, IReadOnlyList<ChatRoute> routes, SentMessages sent, Action<IReadOnlyList<string>> delivered)
    {
        private readonly Lock _lock = new();
        private int _reported;

        public void Report()
        {
            lock (_lock)
            {
                var end = _reported;
                while (end < alerts.Count && routes.All(r => sent.Contains(r.Configured, alerts[end].AlertId) || r.Holds(alerts[end].AlertId)))
                    end++;
                if (end == _reported)
                    return;
                var ids = alerts.Skip(_reported).Take(end - _reported).Select(a => a.AlertId).ToList();
                _reported = end;
                delivered(ids);
            }
        }
    }
}
