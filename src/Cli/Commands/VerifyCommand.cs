using System.CommandLine;

namespace YouTubeAnalytics.Cli.Commands;

/// <summary>`yta verify`: one cheap call per credential, against YouTube and Telegram directly (not the node).</summary>
public static class VerifyCommand
{
    public static Command Create(CliContext cli)
    {
        var youtubeBase = new Option<Uri>("--youtube-base-url")
        {
            Description = "YouTube Data API base URL (default: $YouTube__BaseUrl or Google's)",
            DefaultValueFactory = _ => new Uri(cli.Env("YouTube__BaseUrl") ?? "https://www.googleapis.com/youtube/v3/"),
        };
        var telegramBase = new Option<Uri>("--telegram-base-url")
        {
            Description = "Telegram Bot API base URL (default: $Telegram__ApiBaseUrl or Telegram's)",
            DefaultValueFactory = _ => new Uri(cli.Env("Telegram__ApiBaseUrl") ?? "https://api.telegram.org"),
        };
        youtubeBase.CustomParser = telegramBase.CustomParser = cli.Api.CustomParser;
        var verify = new Command("verify",
            "Check the YouTube key, the Telegram token and each chat of TELEGRAM_CHAT_ID (the seed's names or YouTube__ApiKey / Telegram__BotToken / Telegram__ChatId; the environment, then .env) with one cheap call each");
        verify.Options.Add(youtubeBase);
        verify.Options.Add(telegramBase);
        verify.SetAction(async (p, ct) =>
        {
            var token = cli.Env("TELEGRAM_BOT_TOKEN") ?? cli.Env("Telegram__BotToken");
            var telegram = CliContext.WithSlash(p.GetValue(telegramBase)!);
            var results = new List<CredentialCheck.Result>
            {
                await CredentialCheck.YouTubeAsync(cli.Http, CliContext.WithSlash(p.GetValue(youtubeBase)!),
                    cli.Env("YOUTUBE_API_KEY") ?? cli.Env("YouTube__ApiKey"), ct),
                await CredentialCheck.TelegramAsync(cli.Http, telegram, token, ct),
            };
            results.AddRange(await CredentialCheck.TelegramChatsAsync(cli.Http, telegram, token,
                cli.Env("TELEGRAM_CHAT_ID") ?? cli.Env("Telegram__ChatId"), ct));
            if (p.GetValue(cli.Json))
                cli.OwnJsonOf(results);
            else
                Table.Write(cli.Output, ["Credential", "Result", "Detail"],
                    results.Select(r => CliContext.Row(r.Name, r.Ok ? "OK" : "FAILED", r.Detail)));
            return results.All(r => r.Ok) ? 0 : 1;
        });
        return verify;
    }
}
