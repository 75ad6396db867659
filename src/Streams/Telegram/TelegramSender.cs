using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace YouTubeAnalytics.Streams.Telegram;

/// <summary>How hard a message is retried (5xx, timeouts, dropped connections) before the caller hears it failed.</summary>
/// <param name="LongestInlinePause">A 429 asking for a longer pause than this is not waited out inside the send: the
/// chat's messages are held for it (<see cref="TelegramChatPausedException"/>) while every other chat keeps receiving.</param>
public sealed record TelegramRetrySettings(int MaxAttempts, TimeSpan MinBackoff, TimeSpan MaxBackoff, TimeSpan LongestInlinePause = default)
{
    public static readonly TimeSpan DefaultLongestInlinePause = TimeSpan.FromSeconds(10);

    public TimeSpan LongestInlinePauseOrDefault => LongestInlinePause > TimeSpan.Zero ? LongestInlinePause : DefaultLongestInlinePause;

    /// <summary>The wait between attempts.</summary>
    public YouTubeAnalytics.Actors.Resilience.BackoffPolicy Backoff => new(MinBackoff, MaxBackoff);

    public static TelegramRetrySettings Default { get; } = new(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
}

/// <summary>A send that kept failing; the message is Telegram's description or the error's kind, never a URL.</summary>
public class TelegramDeliveryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A chat that refuses every message until someone acts (403 blocked or kicked, 400 chat not found): retrying soon is
/// pointless, the chat is parked. <see cref="Reason"/> is Telegram's code and description.
/// </summary>
public sealed class TelegramChatRefusedException(long chatId, string reason)
    : TelegramDeliveryException($"Telegram refuses messages to chat {chatId}: {reason}")
{
    public long ChatId { get; } = chatId;

    public string Reason { get; } = reason;

    /// <summary>403 (blocked, kicked, not a member) or 400 "chat not found": the chat refuses until someone acts.</summary>
    public static bool IsPermanent(int errorCode, string description) =>
        errorCode == 403 || (errorCode == 400 && description.Contains("chat not found", StringComparison.OrdinalIgnoreCase));
}

/// <summary>A 429 whose retry_after is longer than the sender waits inline: nothing goes to the chat before <see cref="Until"/>.</summary>
public sealed class TelegramChatPausedException(long chatId, DateTimeOffset until, TimeSpan retryAfter)
    : TelegramDeliveryException($"Telegram asks to wait {retryAfter} before the next message to chat {chatId}")
{
    public long ChatId { get; } = chatId;

    public DateTimeOffset Until { get; } = until;
}

/// <summary>
/// A group that became a supergroup once already in this send said so again (a chain of migrations): the send stops
/// at <see cref="MovedTo"/>, the last id Telegram named, so one message never follows a chain without limit.
/// </summary>
public sealed class TelegramChatMovedAgainException(long chatId, long movedTo)
    : TelegramDeliveryException($"Telegram chat {chatId} moved again, to {movedTo}, within one send")
{
    public long ChatId { get; } = chatId;

    public long MovedTo { get; } = movedTo;
}

/// <summary>
/// Sends one message to one chat the way Telegram wants it: in the chat's turn of the shared
/// <see cref="TelegramThrottle"/>; a 429 pauses the chat for retry_after and tries again (a pause longer than
/// LongestInlinePause is the caller's to hold: <see cref="TelegramChatPausedException"/>); HTML Telegram cannot parse
/// is resent as plain text; a group that became a supergroup is followed, once per send (a second migration in the same send stops it with
/// <see cref="TelegramChatMovedAgainException"/>); 5xx and timeouts are retried with backoff.
/// Alerts and the bot's answers both go through it, so together they keep to the limits.
/// </summary>
public sealed partial class TelegramSender(
    ITelegramBotClient bot, TelegramThrottle throttle, TelegramRetrySettings retry, ILogger<TelegramSender> logger, TimeProvider time)
{
    /// <summary>Sends and returns the chat it reached: <paramref name="chatId"/>, or the supergroup it migrated to.</summary>
    public Task<long> SendAsync(long chatId, TelegramMessage message, CancellationToken cancellationToken) =>
        SendAsync(chatId, message, SendPriority.Alert, cancellationToken);

    /// <summary>As <see cref="SendAsync(long, TelegramMessage, CancellationToken)"/>; an answer gives way to the chat's alerts.</summary>
    public async Task<long> SendAsync(long chatId, TelegramMessage message, SendPriority priority, CancellationToken cancellationToken)
    {
        var asHtml = true;
        var failures = 0;
        var migrated = false;
        while (true)
        {
            Exception failure;
            using (await throttle.TakeTurnAsync(chatId, priority, cancellationToken))
            {
                try
                {
                    await bot.SendMessage(
                        chatId,
                        asHtml ? message.Html : message.Plain,
                        asHtml ? ParseMode.Html : ParseMode.None,
                        linkPreviewOptions: message.PreviewUrl is { } url
                            ? new LinkPreviewOptions { Url = url, PreferSmallMedia = true }
                            : new LinkPreviewOptions { IsDisabled = true },
                        cancellationToken: cancellationToken);
                    Actors.Metrics.PipelineMeter.TelegramSent();
                    return chatId;
                }
                catch (ApiRequestException e) when (e.ErrorCode == 429)
                {
                    Actors.Metrics.PipelineMeter.TelegramRateLimited();
                    var retryAfter = TimeSpan.FromSeconds(Math.Max(1, e.Parameters?.RetryAfter ?? 1));
                    throttle.Pause(chatId, retryAfter);
                    LogRateLimited(logger, chatId, retryAfter);
                    if (retryAfter > retry.LongestInlinePauseOrDefault)
                        throw new TelegramChatPausedException(chatId, time.GetUtcNow() + retryAfter, retryAfter);
                    continue;
                }
                catch (ApiRequestException e) when (e.Parameters?.MigrateToChatId is { } supergroup)
                {
                    LogMigrated(logger, chatId, supergroup);
                    if (migrated)
                        throw new TelegramChatMovedAgainException(chatId, supergroup);
                    migrated = true;
                    chatId = supergroup;
                    continue;
                }
                catch (ApiRequestException e) when (asHtml && e.ErrorCode == 400
                    && e.Message.Contains("can't parse entities", StringComparison.OrdinalIgnoreCase))
                {
                    asHtml = false;
                    LogPlainFallback(logger, chatId, e.Message);
                    continue;
                }
                catch (Exception e) when (IsTransient(e, cancellationToken))
                {
                    failure = e;
                }
                catch (ApiRequestException e) when (TelegramChatRefusedException.IsPermanent(e.ErrorCode, e.Message))
                {
                    throw new TelegramChatRefusedException(chatId, $"{e.ErrorCode} {e.Message}");
                }
                catch (ApiRequestException e)
                {
                    throw new TelegramDeliveryException($"Telegram refused a message to chat {chatId}: {e.ErrorCode} {e.Message}");
                }
            }
            if (++failures >= retry.MaxAttempts)
                throw new TelegramDeliveryException(
                    $"Telegram did not take a message to chat {chatId} in {failures} attempts: {Describe(failure)}");
            LogRetrying(logger, chatId, Describe(failure), failures, retry.Backoff.DelayFor(failures));
            await retry.Backoff.WaitAsync(failures, time, cancellationToken);
        }
    }

    /// <summary>5xx, a dropped connection or a timeout: worth another try. Our own cancellation is not.</summary>
    public static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        ApiRequestException api => api.ErrorCode >= 500,
        RequestException => true,
        HttpRequestException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>Telegram's own description, or the kind of failure: never an exception text that could hold the URL.</summary>
    public static string Describe(Exception e) => e switch
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
}
