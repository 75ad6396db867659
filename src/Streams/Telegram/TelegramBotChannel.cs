using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using YouTubeAnalytics.Actors.Bot;

namespace YouTubeAnalytics.Streams.Telegram;

/// <summary>
/// The bot's line to Telegram: getMe once for its username, getUpdates long polling (the offset confirms what came
/// before it), and answers through the <see cref="TelegramSender"/> so they share the throttle with alerts.
/// getUpdates is read raw (<paramref name="updatesHttp"/>): Telegram.Bot 22 types update_id and the offset as int, so one
/// update above 2^31 would fail the whole batch for ever. Here each update is read on its own; one that cannot be read
/// comes back as <see cref="BotUpdate.Unreadable"/>, logged once, so the bot persists it as handled and the offset
/// moves past it. Failures surface as <see cref="TelegramDeliveryException"/> worded without the URL (which holds the token).
/// </summary>
public sealed partial class TelegramBotChannel(
    ITelegramBotClient bot, TelegramSender sender, TimeSpan pollTimeout, HttpClient updatesHttp, string apiBaseUrl, string botToken,
    ILogger<TelegramBotChannel> logger) : IBotChannel
{
    private static readonly string[] Wanted = ["message"];
    private readonly Uri _getUpdates = new($"{apiBaseUrl.TrimEnd('/')}/bot{botToken}/getUpdates");
    private volatile string? _username;

    public string? Username => _username;

    public async Task<IReadOnlyList<BotUpdate>> ReceiveAsync(long offset, CancellationToken cancellationToken)
    {
        JsonElement body;
        try
        {
            if (_username is null)
                _username = (await bot.GetMe(cancellationToken)).Username ?? "";
            using var response = await updatesHttp.PostAsJsonAsync(
                _getUpdates, new { offset, limit = 100, timeout = (int)pollTimeout.TotalSeconds, allowed_updates = Wanted },
                cancellationToken);
            body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new TelegramDeliveryException($"getUpdates failed: {TelegramSender.Describe(e)}");
        }
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("ok", out var ok) || ok.ValueKind != JsonValueKind.True
            || !body.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Array)
        {
            var code = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error_code", out var c) ? c.ToString() : "?";
            var description = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("description", out var d) ? d.ToString() : "no result";
            throw new TelegramDeliveryException($"getUpdates failed: {code} {description}");
        }
        var updates = new List<BotUpdate>();
        foreach (var element in result.EnumerateArray())
        {
            if (Read(element) is { } update)
            {
                if (update.Unreadable)
                    LogUnreadable(logger, update.UpdateId);
                updates.Add(update);
            }
            else
                LogNoId(logger);
        }
        return updates;
    }

    /// <summary>
    /// One update: its id (a long: ids above 2^31 read as any other) and, for a message, chat, text and sender;
    /// <see cref="BotUpdate.Unreadable"/> when the id is there but the message cannot be read; null when not even the id is.
    /// </summary>
    public static BotUpdate? Read(JsonElement update)
    {
        if (update.ValueKind != JsonValueKind.Object || !update.TryGetProperty("update_id", out var idElement)
            || !idElement.TryGetInt64(out var id))
            return null;
        if (!update.TryGetProperty("message", out var message))
            return new BotUpdate(id, 0, null); // another kind of update (allowed_updates asks for messages only)
        try
        {
            var chatId = message.GetProperty("chat").GetProperty("id").GetInt64();
            var text = message.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            long? from = message.TryGetProperty("from", out var f) && f.TryGetProperty("id", out var fid) && fid.TryGetInt64(out var u)
                ? u
                : null;
            return new BotUpdate(id, chatId, text, from);
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or FormatException)
        {
            return new BotUpdate(id, 0, null, Unreadable: true);
        }
    }

    /// <summary>An answer: it gives way to the chat's alerts waiting for their turn.</summary>
    public Task ReplyAsync(long chatId, string html, CancellationToken cancellationToken) =>
        sender.SendAsync(chatId, new TelegramMessage(html, PlainText(html), null, []), SendPriority.Answer, cancellationToken);

    /// <summary>The words of our own HTML without its tags, for the plain-text resend.</summary>
    public static string PlainText(string html) => WebUtility.HtmlDecode(Tags().Replace(html, ""));

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [LoggerMessage(EventId = 210, Level = LogLevel.Warning, Message = "Telegram update {UpdateId} could not be read: skipped, the bot reads on after it")]
    private static partial void LogUnreadable(ILogger logger, long updateId);

    [LoggerMessage(EventId = 211, Level = LogLevel.Warning, Message = "A Telegram update without a readable update_id was dropped")]
    private static partial void LogNoId(ILogger logger);
}
