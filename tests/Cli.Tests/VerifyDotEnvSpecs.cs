using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Cli.Tests;

/// <summary>
/// `yta verify` with the seed's flow: the credentials in a .env of the working directory, checked against the local
/// fakes of YouTube and Telegram (getMe and getChat for every chat of TELEGRAM_CHAT_ID).
/// </summary>
public sealed class VerifyDotEnvSpecs : IAsyncLifetime
{
    private const long Group = -1009876543210;
    private const long NotJoined = -1005555555555;
    private FakeYouTubeServer _youtube = null!;
    private FakeTelegramServer _telegram = null!;
    private readonly string _folder = Directory.CreateTempSubdirectory("yta-verify-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _youtube = await FakeYouTubeServer.StartAsync();
        _telegram = await FakeTelegramServer.StartAsync();
        _telegram.Chats[Group] = "Channel watchers";
    }

    public async ValueTask DisposeAsync()
    {
        await _youtube.DisposeAsync();
        await _telegram.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<(int Exit, string Out)> Verify(string dotEnv, Dictionary<string, string>? environment = null)
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, ".env"), dotEnv, Cancel);
        var real = environment ?? [];
        var output = new StringWriter();
        using var handler = new HttpClientHandler();
        var exit = await YtaCommand.RunAsync(
            ["verify", "--youtube-base-url", _youtube.BaseUrl, "--telegram-base-url", _telegram.BaseUrl],
            output, new StringWriter(), handler, DotEnvFile.Over(name => real.GetValueOrDefault(name), _folder));
        return (exit, output.ToString());
    }

    [Fact]
    public async Task Should_check_the_key_token_and_chat_of_the_dot_env()
    {
        var (exit, output) = await Verify($"""
            # filled in from .env.example
            YOUTUBE_API_KEY={FakeYouTubeServer.ValidKey}
            TELEGRAM_BOT_TOKEN="{FakeTelegramServer.Token}"
            TELEGRAM_CHAT_ID={Group}
            CHANGE_THRESHOLD=5
            """);

        Assert.Equal(0, exit);
        Assert.Matches(@"YouTube key \(YOUTUBE_API_KEY\)\s+OK", output);
        Assert.Contains($"@{FakeTelegramServer.BotUsername}", output);
        Assert.Matches($@"Telegram chat {Group}\s+OK\s+reachable \(supergroup ""Channel watchers""\)", output);
        Assert.Contains(_telegram.Paths, p => p.EndsWith("/getChat", StringComparison.Ordinal));
        Assert.DoesNotContain(FakeYouTubeServer.ValidKey, output);
        Assert.DoesNotContain(FakeTelegramServer.Token, output);
    }

    [Fact]
    public async Task Should_name_a_chat_the_bot_cannot_reach()
    {
        var (exit, output) = await Verify($"""
            YOUTUBE_API_KEY={FakeYouTubeServer.ValidKey}
            TELEGRAM_BOT_TOKEN={FakeTelegramServer.Token}
            TELEGRAM_CHAT_ID={Group},{NotJoined}
            """);

        Assert.Equal(1, exit);
        Assert.Matches($@"Telegram chat {Group}\s+OK", output);
        Assert.Matches($@"Telegram chat {NotJoined}\s+FAILED\s+rejected: HTTP 400, Bad Request: chat not found", output);
    }

    [Fact]
    public async Task Should_take_a_real_environment_variable_over_the_dot_env()
    {
        var (exit, output) = await Verify(
            $"YOUTUBE_API_KEY={FakeYouTubeServer.ValidKey}\nTELEGRAM_BOT_TOKEN={FakeTelegramServer.Token}\nTELEGRAM_CHAT_ID={Group}\n",
            new() { ["YOUTUBE_API_KEY"] = "not-the-key-the-fake-takes" });

        Assert.Equal(1, exit);
        Assert.Matches(@"YouTube key \(YOUTUBE_API_KEY\)\s+FAILED\s+rejected", output);
        Assert.Matches($@"Telegram chat {Group}\s+OK", output);
    }
}
