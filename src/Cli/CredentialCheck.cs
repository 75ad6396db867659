using System.Net.Http.Headers;
using System.Text.Json;

namespace YouTubeAnalytics.Cli;

/// <summary>
/// `yta verify`: one cheap real call per credential, like the seed's verify_credentials.py. The YouTube key goes in
/// the x-goog-api-key header (videos.list for one id: 1 unit); the bot token only into Telegram's getMe path.
/// Neither is ever printed.
/// </summary>
public static class CredentialCheck
{
    public sealed record Result(string Name, bool Ok, string Detail);

    private const string ProbeVideo = "dQw4w9WgXcQ";

    public static async Task<Result> YouTubeAsync(HttpClient http, Uri baseUrl, string? key, CancellationToken ct)
    {
        const string name = "YouTube key (YOUTUBE_API_KEY)";
        if (string.IsNullOrWhiteSpace(key))
            return new Result(name, false, "not set");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, $"videos?part=id&id={ProbeVideo}"));
        request.Headers.Add("x-goog-api-key", key);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var (status, body, failure) = await SendAsync(http, request, ct);
        if (failure is not null)
            return new Result(name, false, failure);
        if (status is >= 200 and < 300)
            return new Result(name, true, "accepted (videos.list, 1 quota unit)");
        var reason = Reason(body);
        return new Result(name, false, $"rejected: HTTP {status}{(reason is null ? "" : $", {reason}")}");
    }

    public static async Task<Result> TelegramAsync(HttpClient http, Uri baseUrl, string? token, CancellationToken ct)
    {
        const string name = "Telegram token (TELEGRAM_BOT_TOKEN)";
        if (string.IsNullOrWhiteSpace(token))
            return new Result(name, false, "not set");
        if (token.Any(c => char.IsWhiteSpace(c) || c == '/' || c == '?' || c == '#'))
            return new Result(name, false, "rejected: not a bot token (it holds characters a token never has)");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, $"./bot{token}/getMe"));
        var (status, body, failure) = await SendAsync(http, request, ct);
        if (failure is not null)
            return new Result(name, false, failure);
        if (status is >= 200 and < 300 && body is { } ok && ok.TryGetProperty("result", out var bot)
            && bot.TryGetProperty("username", out var username))
            return new Result(name, true, $"accepted (@{username.GetString()})");
        var description = body is { } b && b.TryGetProperty("description", out var d) ? d.GetString() : null;
        return new Result(name, false, $"rejected: HTTP {status}{(description is null ? "" : $", {description}")}");
    }

    /// <summary>
    /// getChat for each id of TELEGRAM_CHAT_ID (comma separated): the bot can reach the chat only when it is a member
    /// (Telegram answers 400 "chat not found" otherwise, e.g. before the bot was added to the group).
    /// </summary>
    public static async Task<IReadOnlyList<Result>> TelegramChatsAsync(
        HttpClient http, Uri baseUrl, string? token, string? chatIds, CancellationToken ct)
    {
        const string name = "Telegram chat (TELEGRAM_CHAT_ID)";
        if (string.IsNullOrWhiteSpace(chatIds))
            return [new Result(name, false, "not set")];
        var results = new List<Result>();
        foreach (var raw in chatIds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var chatName = $"Telegram chat {raw}";
            if (!long.TryParse(raw, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var chatId))
            {
                results.Add(new Result(chatName, false, "not a numeric chat id (a group's is negative)"));
                continue;
            }
            if (string.IsNullOrWhiteSpace(token) || token.Any(c => char.IsWhiteSpace(c) || c == '/' || c == '?' || c == '#'))
            {
                results.Add(new Result(chatName, false, "not checked: no usable TELEGRAM_BOT_TOKEN"));
                continue;
            }
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, $"./bot{token}/getChat?chat_id={chatId}"));
            var (status, body, failure) = await SendAsync(http, request, ct);
            if (failure is not null)
                results.Add(new Result(chatName, false, failure));
            else if (status is >= 200 and < 300 && body is { } ok && ok.TryGetProperty("result", out var chat))
            {
                var title = chat.TryGetProperty("title", out var t) ? t.GetString()
                    : chat.TryGetProperty("first_name", out var f) ? f.GetString() : null;
                var type = chat.TryGetProperty("type", out var k) ? k.GetString() : "chat";
                results.Add(new Result(chatName, true, $"reachable ({type}{(title is null ? "" : $" \"{title}\"")})"));
            }
            else
            {
                var description = body is { } b && b.TryGetProperty("description", out var d) ? d.GetString() : null;
                var hint = description?.Contains("chat not found", StringComparison.OrdinalIgnoreCase) == true
                    ? "; add the bot to the chat (or send it /start) first" : "";
                results.Add(new Result(chatName, false, $"rejected: HTTP {status}{(description is null ? "" : $", {description}")}{hint}"));
            }
        }
        return results;
    }

    private static async Task<(int Status, JsonElement? Body, string? Failure)> SendAsync(
        HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            JsonElement? body = null;
            try
            {
                body = JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
            }
            return ((int)response.StatusCode, body, null);
        }
        catch (HttpRequestException ex)
        {
            // The message names host and port, never the path that carries the token.
            return (0, null, $"unreachable: {ex.HttpRequestError}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return (0, null, "no answer in time");
        }
    }

    /// <summary>error.errors[0].reason, or the ErrorInfo reason in details (both forms of a bad key are seen).</summary>
    private static string? Reason(JsonElement? body)
    {
        if (body is not { ValueKind: JsonValueKind.Object } b || !b.TryGetProperty("error", out var error))
            return null;
        var reasons = new List<string>();
        if (error.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            reasons.AddRange(errors.EnumerateArray().Select(e => e.TryGetProperty("reason", out var r) ? r.GetString() : null).OfType<string>());
        if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
            reasons.AddRange(details.EnumerateArray().Select(e => e.TryGetProperty("reason", out var r) ? r.GetString() : null).OfType<string>());
        return reasons.Count == 0 ? null : string.Join(", ", reasons.Distinct());
    }
}
