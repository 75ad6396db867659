using System.Net.Http.Json;
using System.Text.Json;

namespace YouTubeAnalytics.Cli;

/// <summary>An error the CLI reports in one line and turns into an exit code.</summary>
public sealed class CliException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>Calls one node's REST API; turns problem details and connection failures into <see cref="CliException"/>.</summary>
public sealed class ApiClient(HttpClient http, Uri api)
{
    public const int Unreachable = 3;
    public const int Refused = 1;

    public async Task<JsonElement> GetAsync(string path, CancellationToken ct) => (await GetRawAsync(path, ct)).Body;

    /// <summary>The body as the API sent it (for --json: printed unchanged) and parsed.</summary>
    public Task<ApiAnswer> GetRawAsync(string path, CancellationToken ct) => SendRawAsync(new HttpRequestMessage(HttpMethod.Get, path), ct);

    public Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, string? adminKey, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        if (!string.IsNullOrEmpty(adminKey))
            request.Headers.Add("X-Api-Key", adminKey);
        return SendAsync(request, ct);
    }

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, CancellationToken ct) => (await SendRawAsync(request, ct)).Body;

    private async Task<ApiAnswer> SendRawAsync(HttpRequestMessage request, CancellationToken ct)
    {
        request.RequestUri = new Uri(api, request.RequestUri!.ToString().TrimStart('/'));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"cannot reach the API at {api}: {ex.Message}", Unreachable);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new CliException($"the API at {api} did not answer in time", Unreachable);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            JsonElement body = default;
            if (text.Length > 0)
            {
                try
                {
                    body = JsonDocument.Parse(text).RootElement.Clone();
                }
                catch (JsonException)
                {
                    throw new CliException($"{(int)response.StatusCode}: the API at {api} answered with something that is not JSON", Refused);
                }
            }
            if (response.IsSuccessStatusCode)
                return new ApiAnswer(text, body);
            var title = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("title", out var t) ? t.GetString() : response.ReasonPhrase;
            var detail = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("detail", out var d) ? d.GetString() : null;
            throw new CliException($"{(int)response.StatusCode} {title}{(detail is null ? "" : ": " + detail)}", Refused);
        }
    }
}

/// <summary>An answer of the API: its text exactly as sent, and that text parsed.</summary>
public sealed record ApiAnswer(string Text, JsonElement Body);
