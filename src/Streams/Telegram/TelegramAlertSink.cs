using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using YouTubeAnalytics.Actors.Alerts;

namespace YouTubeAnalytics.Streams.Telegram;

/// <summary>Where alerts go and how hard a send is retried before the batch is handed back to the notifier.</summary>
public sealed record TelegramDeliverySettings(
    IReadOnlyList<long> ChatIds,
    int MaxAttempts,
    TimeSpan MinBackoff,
    TimeSpan MaxBackoff,
    int RememberedDeliveries = 10_000)
{
    public static TelegramDeliverySettings For(IReadOnlyList<long> chatIds) =>
        new(chatIds, 5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
}

/// <summary>A send that kept failing; the message is Telegram's description or the error's kind, never a URL.</summary>
public sealed class TelegramDeliveryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Delivers alerts to one or more Telegram chats: one alert as one message, a backlog as a digest split at 4,096
/// characters, each chat throttled to Telegram's limits. A 429 pauses that chat for retry_after; 5xx and timeouts
/// are retried with backoff; HTML Telegram cannot parse is resent as plain text; a group that became a supergroup
/// is followed. What each chat got is remembered, so a batch retried after a failure resends nothing, and the
/// notifier hears of every alert that reached all chats as soon as it did.
/// </summary>
public sealed partial class TelegramAlertSink : IAlertSink
{
    private readonly ITelegramBotClient _bot;
    private readonly TelegramDeliverySettings _settings;
    private readonly TelegramThrottle _throttle;
    private readonly ILogger<TelegramAlertSink> _logger;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<ChatRoute> _routes;
    private readonly SentMessages _sent;

    public TelegramAlertSink(
        ITelegramBotClient bot, TelegramDeliverySettings settings, TelegramThrottle throttle, ILogger<TelegramAlertSink> logger,
        TimeProvider time)
    {
        if (settings.ChatIds.Count == 0)
            throw new ArgumentException("At least one chat id is needed", nameof(settings));
        _bot = bot;
        _settings = settings;
        _throttle = throttle;
        _logger = logger;
        _time = time;
        _routes = settings.ChatIds.Distinct().Select(id => new ChatRoute(id)).ToList();
        _sent = new SentMessages(settings.RememberedDeliveries);
    }

    public string Name => "telegram";

    /// <summary>The chat each configured chat id is delivered to now (a migrated group's supergroup id).</summary>
    public IReadOnlyDictionary<long, long> Routes => _routes.ToDictionary(r => r.Configured, r => r.Current);

    public Task DeliverAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken) =>
        DeliverAsync(alerts, _ => { }, cancellationToken);

    public async Task DeliverAsync(IReadOnlyList<Alert> alerts, Action<IReadOnlyList<string>> delivered, CancellationToken cancellationToken)
    {
        var progress = new Progress(alerts, _routes, _sent, delivered);
        progress.Report(); // what an earlier attempt of this batch already sent
        await Task.WhenAll(_routes.Select(route => DeliverToChatAsync(route, alerts, progress, cancellationToken)));
    }

    private async Task DeliverToChatAsync(ChatRoute route, IReadOnlyList<Alert> alerts, Progress progress, CancellationToken cancellationToken)
    {
        var missing = alerts.Where(a => !_sent.Contains(route.Configured, a.AlertId)).ToList();
        var messages = missing.Count switch
        {
            0 => [],
            1 => [TelegramHtml.Single(missing[0])],
            _ => TelegramHtml.Digest(missing),
        };
        foreach (var message in messages)
        {
            await SendAsync(route, message, cancellationToken);
            _sent.Add(route.Configured, message.AlertIds);
            progress.Report();
        }
    }

    private async Task SendAsync(ChatRoute route, TelegramMessage message, CancellationToken cancellationToken)
    {
        var asHtml = true;
        var failures = 0;
        while (true)
        {
            Exception failure;
            var chatId = route.Current;
            using (await _throttle.TakeTurnAsync(chatId, cancellationToken))
            {
                try
                {
                    await _bot.SendMessage(
                        chatId,
                        asHtml ? message.Html : message.Plain,
                        asHtml ? ParseMode.Html : ParseMode.None,
                        linkPreviewOptions: message.PreviewUrl is { } url
                            ? new LinkPreviewOptions { Url = url, PreferSmallMedia = true }
                            : new LinkPreviewOptions { IsDisabled = true },
                        cancellationToken: cancellationToken);
                    return;
                }
                catch (ApiRequestException e) when (e.ErrorCode == 429)
                {
                    var retryAfter = TimeSpan.FromSeconds(Math.Max(1, e.Parameters?.RetryAfter ?? 1));
                    _throttle.Pause(chatId, retryAfter);
                    LogRateLimited(_logger, chatId, retryAfter);
                    continue;
                }
                catch (ApiRequestException e) when (e.Parameters?.MigrateToChatId is { } supergroup)
                {
                    route.Current = supergroup;
                    LogMigrated(_logger, chatId, supergroup);
                    continue;
                }
                catch (ApiRequestException e) when (asHtml && e.ErrorCode == 400
                    && e.Message.Contains("can't parse entities", StringComparison.OrdinalIgnoreCase))
                {
                    asHtml = false;
                    LogPlainFallback(_logger, chatId, e.Message);
                    continue;
                }
                catch (Exception e) when (IsTransient(e, cancellationToken))
                {
                    failure = e;
                }
                catch (ApiRequestException e)
                {
                    throw new TelegramDeliveryException($"Telegram refused a message to chat {chatId}: {e.ErrorCode} {e.Message}");
                }
            }
            if (++failures >= _settings.MaxAttempts)
                throw new TelegramDeliveryException(
                    $"Telegram did not take a message to chat {chatId} in {failures} attempts: {Describe(failure)}");
            var backoff = TimeSpan.FromTicks(Math.Min(
                _settings.MaxBackoff.Ticks, _settings.MinBackoff.Ticks * (1L << Math.Min(failures - 1, 20))));
            LogRetrying(_logger, chatId, Describe(failure), failures, backoff);
            await Task.Delay(backoff, _time, cancellationToken);
        }
    }

    /// <summary>5xx, a dropped connection or a timeout: worth another try. Our own cancellation is not.</summary>
    private static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        ApiRequestException api => api.ErrorCode >= 500,
        RequestException => true,
        HttpRequestException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>Telegram's own description, or the kind of failure: never an exception text that could hold the URL.</summary>
    private static string Describe(Exception e) => e switch
    {
        ApiRequestException api => $"{api.ErrorCode} {api.Message}",
        RequestException { HttpStatusCode: { } status } => $"HTTP {(int)status}",
        RequestException { InnerException: OperationCanceledException } or OperationCanceledException => "timed out",
        RequestException { InnerException: HttpRequestException } or HttpRequestException => "connection failed",
        _ => e.GetType().Name,
    };

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Telegram rate limit for chat {ChatId}: pausing it for {RetryAfter}")]
    private static partial void LogRateLimited(ILogger logger, long chatId, TimeSpan retryAfter);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Telegram chat {ChatId} became supergroup {Supergroup}: delivering there (update Telegram:ChatId)")]
    private static partial void LogMigrated(ILogger logger, long chatId, long supergroup);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Telegram could not parse a message's HTML for chat {ChatId} ({Reason}): resending it as plain text")]
    private static partial void LogPlainFallback(ILogger logger, long chatId, string reason);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Sending to Telegram chat {ChatId} failed ({Reason}, attempt {Attempt}); retrying in {Backoff}")]
    private static partial void LogRetrying(ILogger logger, long chatId, string reason, int attempt, TimeSpan backoff);

    private sealed class ChatRoute(long configured)
    {
        private long _current = configured;

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
                while (end < alerts.Count && routes.All(r => sent.Contains(r.Configured, alerts[end].AlertId)))
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
