using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace YouTubeAnalytics.Cli.Tests;

/// <summary>`yta verify` against local fakes of YouTube and Telegram on loopback that answer like the real APIs.</summary>
public sealed class VerifySpecs : IAsyncLifetime
{
    private const string GoodKey = "test-youtube-key-accepted";
    private const string GoodToken = "123456789:test-token-accepted";
    private WebApplication _fakes = null!;
    private string _base = "";
    private readonly List<string> _seen = [];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _fakes = builder.Build();
        _fakes.MapGet("/youtube/v3/videos", (HttpContext http) =>
        {
            lock (_seen) _seen.Add(http.Request.Path + http.Request.QueryString);
            return http.Request.Headers["x-goog-api-key"] == GoodKey
                ? Results.Text("""{"kind":"youtube#videoListResponse","items":[{"kind":"youtube#video","id":"dQw4w9WgXcQ"}]}""", "application/json")
                : Results.Text("""{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","errors":[{"message":"API key not valid.","domain":"global","reason":"badRequest"}],"status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}""", "application/json", statusCode: 400);
        });
        _fakes.MapGet("/telegram/bot{token}/getMe", (string token) => token == GoodToken
            ? Results.Text("""{"ok":true,"result":{"id":123456789,"is_bot":true,"first_name":"Alerts","username":"yta_alerts_bot"}}""", "application/json")
            : Results.Text("""{"ok":false,"error_code":401,"description":"Unauthorized"}""", "application/json", statusCode: 401));
        _fakes.MapGet("/telegram/bot{token}/getChat", (string token, long chat_id) => token == GoodToken && chat_id == -1001234567890
            ? Results.Text("""{"ok":true,"result":{"id":-1001234567890,"title":"Alerts","type":"supergroup"}}""", "application/json")
            : Results.Text("""{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}""", "application/json", statusCode: 400));
        await _fakes.StartAsync(Cancel);
        _base = _fakes.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async ValueTask DisposeAsync() => await _fakes.DisposeAsync();

    private async Task<(int Exit, string Out, string Err)> Verify(Dictionary<string, string> environment, params string[] extra)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var handler = new HttpClientHandler();
        var exit = await YtaCommand.RunAsync(
            ["verify", "--youtube-base-url", $"{_base}/youtube/v3/", "--telegram-base-url", $"{_base}/telegram", .. extra],
            output, error, handler, name => environment.GetValueOrDefault(name));
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Should_accept_good_credentials_with_one_call_each()
    {
        var (exit, output, _) = await Verify(new() { ["YOUTUBE_API_KEY"] = GoodKey, ["TELEGRAM_BOT_TOKEN"] = GoodToken, ["TELEGRAM_CHAT_ID"] = "-1001234567890" });

        Assert.Equal(0, exit);
        Assert.Matches(@"Telegram chat -1001234567890\s+OK\s+reachable \(supergroup ""Alerts""\)", output);
        Assert.Matches(@"YouTube key \(YOUTUBE_API_KEY\)\s+OK\s+accepted", output);
        Assert.Contains("@yta_alerts_bot", output);
        Assert.Equal(["/youtube/v3/videos?part=id&id=dQw4w9WgXcQ"], _seen);
        Assert.DoesNotContain(GoodKey, output);
        Assert.DoesNotContain(GoodToken, output);
    }

    [Fact]
    public async Task Should_name_what_was_rejected_without_printing_it()
    {
        const string badKey = "test-youtube-key-refused";
        const string badToken = "987654321:test-token-refused";
        var (exit, output, error) = await Verify(new() { ["YouTube__ApiKey"] = badKey, ["Telegram__BotToken"] = badToken }, "--json");

        Assert.Equal(1, exit);
        Assert.Contains("API_KEY_INVALID", output);
        Assert.Contains("Unauthorized", output);
        Assert.DoesNotContain(badKey, output + error);
        Assert.DoesNotContain(badToken, output + error);
        Assert.DoesNotContain("key=", string.Join(" ", _seen));
    }

    [Fact]
    public async Task Should_fail_when_nothing_is_set()
    {
        var (exit, output, _) = await Verify([]);

        Assert.Equal(1, exit);
        Assert.Equal(3, output.Split('\n').Count(l => l.Contains("FAILED") && l.Contains("not set")));
        Assert.Empty(_seen);
    }
}
