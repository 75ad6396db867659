using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace YouTubeAnalytics.Testing;

/// <summary>A message the fake accepted: as sent, and as a user sees it (HTML parsed).</summary>
public sealed record AcceptedMessage(long ChatId, string Text, string Visible, string? ParseMode, bool PreviewDisabled, DateTimeOffset At);

/// <summary>A sendMessage the fake answered with an error.</summary>
public sealed record RefusedMessage(long ChatId, int ErrorCode, string Description);

/// <summary>
/// A local Telegram Bot API on 127.0.0.1 (Kestrel, real HTTP) that answers sendMessage like the real one, in the
/// shapes of /work/shared/fixtures/telegram: 401 for a wrong token, 400 for HTML outside Telegram's tags or a text
/// over 4,096 characters, 429 with retry_after when a chat gets more than 1 message a second or a group more than
/// 20 a minute, 400 with migrate_to_chat_id for a group that became a supergroup. It records what it accepted.
/// getMe and getUpdates (long polling, offsets confirm and drop updates, 409 for a second poller) carry what tests
/// make users write (<see cref="UserWrites"/>).
/// Tests can script the answer to a given request (5xx, parse error...) and hold requests to stop a host mid-send.
/// </summary>
public sealed class FakeTelegramServer : IAsyncDisposable
{
    public const string Token = "123456789:fake-token-for-tests-0123456789ab";
    public const int MaxLength = 4096;
    public const string BotUsername = "yt_analytics_bot";

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly Dictionary<long, List<DateTimeOffset>> _acceptedAt = [];
    private readonly ConcurrentDictionary<int, (int Status, string Body)> _script = new();
    private readonly ConcurrentDictionary<long, long> _migrated = new();
    private readonly ConcurrentDictionary<long, (int Status, string Description)> _refusing = new();
    private readonly ConcurrentDictionary<long, int> _limited = new();
    private readonly ConcurrentDictionary<int, TimeSpan> _cut = new();
    private int _requests;
    private int _messageId;
    private int? _holdAfter;
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;
    private readonly List<(long Id, string Json)> _updates = [];
    private readonly List<(long Id, string Json)> _written = [];
    private TaskCompletionSource _newUpdate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastUpdateId = 700_000;
    private long _confirmedOffset;
    private int _polling;
    private int _pollConflicts;

    private FakeTelegramServer(WebApplication app, string token)
    {
        _app = app;
        BotToken = token;
        app.MapPost("/bot{token}/{method}", HandleAsync);
        app.MapGet("/bot{token}/{method}", HandleAsync);
    }

    /// <summary>Chats the bot is a member of: getChat answers them, and 400 "chat not found" for any other.</summary>
    public ConcurrentDictionary<long, string> Chats { get; } = new();

    public string BaseUrl { get; private set; } = "";

    /// <summary>The token this server accepts (<see cref="Token"/> unless the test chose another).</summary>
    public string BotToken { get; }

    public ConcurrentQueue<AcceptedMessage> Accepted { get; } = new();

    public ConcurrentQueue<RefusedMessage> Refused { get; } = new();

    /// <summary>Every request path the fake saw (the token is in it, as with the real API).</summary>
    public ConcurrentQueue<string> Paths { get; } = new();

    public int SendRequests => Volatile.Read(ref _requests);

    /// <summary>sendMessage requests waiting on <see cref="Release"/> right now.</summary>
    public int Held => Volatile.Read(ref _held);

    public static async Task<FakeTelegramServer> StartAsync(string token = Token)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new FakeTelegramServer(builder.Build(), token);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        server.BaseUrl = address;
        return server;
    }

    /// <summary>Answers the n-th sendMessage (1-based, counted from the start) with this status and body.</summary>
    public void Answer(int request, int status, string body) => _script[request] = (status, body);

    /// <summary>Cuts the connection of the n-th sendMessage without an answer (nothing is delivered).</summary>
    public void Drop(int request) => _cut[request] = TimeSpan.Zero;

    /// <summary>
    /// Holds the n-th sendMessage for <paramref name="delay"/> (longer than the client's timeout: it gives up), then
    /// takes the message anyway, as Telegram does with an answer that came too late: the ambiguous send.
    /// </summary>
    public void Stall(int request, TimeSpan delay) => _cut[request] = delay;

    public void Migrate(long group, long supergroup) => _migrated[group] = supergroup;

    /// <summary>
    /// Refuses every sendMessage to <paramref name="chatId"/> as Telegram does for a chat that blocked or kicked the
    /// bot (403) or does not exist (400 "Bad Request: chat not found"), until <see cref="AcceptChat"/>.
    /// </summary>
    public void RefuseChat(long chatId, int status = 403, string description = "Forbidden: bot was blocked by the user") =>
        _refusing[chatId] = (status, description);

    /// <summary>The chat takes messages again (the user unblocked the bot).</summary>
    public void AcceptChat(long chatId)
    {
        _refusing.TryRemove(chatId, out _);
        _limited.TryRemove(chatId, out _);
    }

    /// <summary>Every send to <paramref name="chatId"/> is answered 429 with this retry_after until <see cref="AcceptChat"/>.</summary>
    public void RateLimitChat(long chatId, int retryAfterSeconds) => _limited[chatId] = retryAfterSeconds;

    /// <summary>The next update a user writes gets this update_id (Telegram's ids may exceed 2^31).</summary>
    public void NextUpdateId(long updateId)
    {
        lock (_lock)
            _lastUpdateId = updateId - 1;
    }

    /// <summary>Once <paramref name="accepted"/> messages are in, further sendMessage requests wait for Release.</summary>
    public void HoldAfter(int accepted) => _holdAfter = accepted;

    public void Release()
    {
        _holdAfter = null;
        _release.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.DisposeAsync();
    }

    private async Task<IResult> GetChatAsync(HttpContext http)
    {
        string? raw = http.Request.Query["chat_id"];
        if (raw is null && http.Request.ContentLength > 0)
            raw = (await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted))?["chat_id"]?.ToString();
        if (!long.TryParse(raw, out var chatId) || !Chats.TryGetValue(chatId, out var title))
            return Error(400, "Bad Request: chat not found");
        var chat = chatId < 0
            ? $$$"""{"id":{{{chatId}}},"title":{{{JsonSerializer.Serialize(title)}}},"type":"supergroup"}"""
            : $$$"""{"id":{{{chatId}}},"first_name":{{{JsonSerializer.Serialize(title)}}},"type":"private"}""";
        return Results.Text($$$"""{"ok":true,"result":{{{chat}}}}""", "application/json");
    }

    private async Task<IResult> HandleAsync(HttpContext http, string token, string method)
    {
        Paths.Enqueue(http.Request.Path);
        if (token != BotToken)
            return Error(401, "Unauthorized");
        if (string.Equals(method, "getMe", StringComparison.OrdinalIgnoreCase))
            return Results.Text($$$"""{"ok":true,"result":{"id":123456789,"is_bot":true,"first_name":"YT Analytics","username":"{{{BotUsername}}}","can_join_groups":true,"can_read_all_group_messages":false,"supports_inline_queries":false}}""", "application/json");
        if (string.Equals(method, "getChat", StringComparison.OrdinalIgnoreCase))
            return await GetChatAsync(http);
        if (string.Equals(method, "getUpdates", StringComparison.OrdinalIgnoreCase))
            return await GetUpdatesAsync(http);
        if (!string.Equals(method, "sendMessage", StringComparison.OrdinalIgnoreCase))
            return Error(404, "Not Found");

        var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
        var chatId = body?["chat_id"]?.GetValue<JsonElement>() is { ValueKind: JsonValueKind.Number } n ? n.GetInt64() : 0;
        var text = body?["text"]?.GetValue<string>() ?? "";
        var parseMode = body?["parse_mode"]?.GetValue<string>();
        var previewDisabled = body?["link_preview_options"]?["is_disabled"]?.GetValue<bool>() ?? false;
        var number = Interlocked.Increment(ref _requests);

        if (_script.TryRemove(number, out var scripted))
            return Refuse(chatId, scripted.Status, scripted.Body);
        if (_cut.TryRemove(number, out var stall))
        {
            if (stall == TimeSpan.Zero)
            {
                http.Abort();
                return Results.Empty;
            }
            await Task.Delay(stall);
        }
        if (chatId == 0)
            return Refuse(chatId, 400, "Bad Request: chat not found");
        if (_refusing.TryGetValue(chatId, out var refusal))
            return Refuse(chatId, refusal.Status, refusal.Description);
        if (_limited.TryGetValue(chatId, out var limitedFor))
            return Refuse(chatId, 429, $$$"""{"ok":false,"error_code":429,"description":"Too Many Requests: retry after {{{limitedFor}}}","parameters":{"retry_after":{{{limitedFor}}}}}""");
        if (_migrated.TryGetValue(chatId, out var supergroup))
        {
            return Refuse(chatId, 400, $$$"""{"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat","parameters":{"migrate_to_chat_id":{{{supergroup}}}}}""");
        }

        var visible = text;
        if (string.Equals(parseMode, "html", StringComparison.OrdinalIgnoreCase) && !TelegramHtmlRules.TryParse(text, out visible, out var error))
            return Refuse(chatId, 400, error!);
        if (visible.Trim().Length == 0)
            return Refuse(chatId, 400, "Bad Request: message text is empty");
        if (visible.Length > MaxLength)
            return Refuse(chatId, 400, "Bad Request: message is too long");

        if (_holdAfter is { } holdAfter && Accepted.Count >= holdAfter)
        {
            Interlocked.Increment(ref _held);
            try
            {
                await _release.Task.WaitAsync(http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return Results.Empty; // the client gave up: nothing was delivered
            }
            finally
            {
                Interlocked.Decrement(ref _held);
            }
        }

        lock (_lock)
        {
            var now = DateTimeOffset.UtcNow;
            if (!_acceptedAt.TryGetValue(chatId, out var times))
                _acceptedAt[chatId] = times = [];
            var retryAfter = RetryAfter(chatId, times, now);
            if (retryAfter > 0)
                return Refuse(chatId, 429, $$$"""{"ok":false,"error_code":429,"description":"Too Many Requests: retry after {{{retryAfter}}}","parameters":{"retry_after":{{{retryAfter}}}}}""");
            times.Add(now);
            Accepted.Enqueue(new AcceptedMessage(chatId, text, visible, parseMode, previewDisabled, now));
        }
        var id = Interlocked.Increment(ref _messageId);
        var chatType = chatId < 0 ? "supergroup" : "private";
        return Results.Text(
            $$$"""{"ok":true,"result":{"message_id":{{{id}}},"from":{"id":123456789,"is_bot":true,"first_name":"YT Analytics","username":"yt_analytics_bot"},"chat":{"id":{{{chatId}}},"type":"{{{chatType}}}"},"date":{{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}},"text":{{{JsonSerializer.Serialize(visible)}}}}}""",
            "application/json");
    }

    /// <summary>A user writes <paramref name="text"/> in a chat: the bot sees it as the next update.</summary>
    public long UserWrites(long chatId, string text)
    {
        lock (_lock)
        {
            var updateId = ++_lastUpdateId;
            var date = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var chat = chatId < 0
                ? $$"""{"id":{{chatId}},"type":"supergroup","title":"Test group"}"""
                : $$"""{"id":{{chatId}},"type":"private","first_name":"Tester"}""";
            var entities = text.StartsWith('/')
                ? $$""","entities":[{"offset":0,"length":{{(text.IndexOf(' ') is var sp and > 0 ? sp : text.Length)}},"type":"bot_command"}]"""
                : "";
            _updates.Add((updateId, $$$"""{"update_id":{{{updateId}}},"message":{"message_id":{{{updateId}}},"from":{"id":{{{Math.Abs(chatId)}}},"is_bot":false,"first_name":"Tester"},"chat":{{{chat}}},"date":{{{date}}},"text":{{{JsonSerializer.Serialize(text)}}}{{{entities}}}}}"""));
            _written.Add(_updates[^1]);
            _newUpdate.TrySetResult();
            return updateId;
        }
    }

    /// <summary>
    /// Puts every update written so far back, as if no getUpdates had confirmed them: what Telegram does when a bot
    /// stops between handling updates and its next poll.
    /// </summary>
    public void ForgetConfirmations()
    {
        lock (_lock)
        {
            _updates.Clear();
            _updates.AddRange(_written);
            _confirmedOffset = 0;
        }
    }

    /// <summary>The offset of the last getUpdates call: every update before it is confirmed (the real API drops them).</summary>
    public long ConfirmedOffset => Interlocked.Read(ref _confirmedOffset);

    /// <summary>getUpdates calls made while another was still waiting: two bot instances polling at once.</summary>
    public int PollConflicts => Volatile.Read(ref _pollConflicts);

    /// <summary>getUpdates: drops what the offset confirms, answers what is left or waits up to timeout seconds for it.</summary>
    private async Task<IResult> GetUpdatesAsync(HttpContext http)
    {
        var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
        var offset = body?["offset"]?.GetValue<long>() ?? 0;
        var limit = Math.Clamp(body?["limit"]?.GetValue<int>() ?? 100, 1, 100);
        var timeout = Math.Clamp(body?["timeout"]?.GetValue<int>() ?? 0, 0, 50);
        if (Interlocked.Increment(ref _polling) > 1)
        {
            Interlocked.Decrement(ref _polling);
            Interlocked.Increment(ref _pollConflicts);
            return Error(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
        }
        try
        {
            var deadline = DateTimeOffset.UtcNow.AddSeconds(timeout);
            while (true)
            {
                Task arrived;
                lock (_lock)
                {
                    if (offset > _confirmedOffset)
                    {
                        _updates.RemoveAll(u => u.Id < offset);
                        _confirmedOffset = Math.Max(_confirmedOffset, offset);
                    }
                    var ready = _updates.Take(limit).Select(u => u.Json).ToList();
                    if (ready.Count > 0 || DateTimeOffset.UtcNow >= deadline)
                        return Results.Text($$"""{"ok":true,"result":[{{string.Join(",", ready)}}]}""", "application/json");
                    if (_newUpdate.Task.IsCompleted)
                        _newUpdate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    arrived = _newUpdate.Task;
                }
                try
                {
                    await arrived.WaitAsync(deadline - DateTimeOffset.UtcNow, http.RequestAborted);
                }
                catch (TimeoutException)
                {
                }
            }
        }
        catch (OperationCanceledException)
        {
            return Results.Empty; // the bot stopped polling
        }
        finally
        {
            Interlocked.Decrement(ref _polling);
        }
    }

    /// <summary>Seconds to wait, or 0: at most one message a second per chat, 20 a minute per group.</summary>
    private static int RetryAfter(long chatId, List<DateTimeOffset> times, DateTimeOffset now)
    {
        if (times.Count > 0 && now - times[^1] < TimeSpan.FromSeconds(1))
            return (int)Math.Ceiling((times[^1] + TimeSpan.FromSeconds(1) - now).TotalSeconds);
        if (chatId < 0)
        {
            var lastMinute = times.Where(t => now - t < TimeSpan.FromMinutes(1)).ToList();
            if (lastMinute.Count >= 20)
                return (int)Math.Ceiling((lastMinute[^20] + TimeSpan.FromMinutes(1) - now).TotalSeconds);
        }
        return 0;
    }

    private IResult Refuse(long chatId, int status, string bodyOrDescription)
    {
        var body = bodyOrDescription.StartsWith('{')
            ? bodyOrDescription
            : $$"""{"ok":false,"error_code":{{status}},"description":{{JsonSerializer.Serialize(bodyOrDescription)}}}""";
        var description = JsonNode.Parse(body)?["description"]?.GetValue<string>() ?? "";
        Refused.Enqueue(new RefusedMessage(chatId, status, description));
        return Results.Text(body, "application/json", statusCode: status);
    }

    private static IResult Error(int status, string description) =>
        Results.Text($$"""{"ok":false,"error_code":{{status}},"description":"{{description}}"}""", "application/json", statusCode: status);
}
