using System.Net;
using System.Text.RegularExpressions;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;
using YouTubeAnalytics.Actors.Bot;

namespace YouTubeAnalytics.Streams.Telegram;

/// <summary>
/// The bot's line to Telegram: getMe once for its username, getUpdates long polling (the offset confirms what came
/// before it), and answers through the <see cref="TelegramSender"/> so they share the throttle with alerts.
/// Failures surface as <see cref="TelegramDeliveryException"/> worded without the URL (which holds the token).
/// </summary>
public sealed partial class TelegramBotChannel(ITelegramBotClient bot, TelegramSender sender, TimeSpan pollTimeout) : IBotChannel
{
    private static readonly UpdateType[] Wanted = [UpdateType.Message];
    private volatile string? _username;

    public string? Username => _username;

    public async Task<IReadOnlyList<BotUpdate>> ReceiveAsync(long offset, CancellationToken cancellationToken)
    {
        try
        {
            if (_username is null)
                _username = (await bot.GetMe(cancellationToken)).Username ?? "";
            var updates = await bot.GetUpdates(
                (int)Math.Min(offset, int.MaxValue), limit: 100, timeout: (int)pollTimeout.TotalSeconds, allowedUpdates: Wanted,
                cancellationToken: cancellationToken);
            return [.. updates.Select(u => new BotUpdate(u.Id, u.Message?.Chat.Id ?? 0, u.Message?.Text, u.Message?.From?.Id))];
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new TelegramDeliveryException($"getUpdates failed: {TelegramSender.Describe(e)}");
        }
    }

    public Task ReplyAsync(long chatId, string html, CancellationToken cancellationToken) =>
        sender.SendAsync(chatId, new TelegramMessage(html, PlainText(html), null, []), cancellationToken);

    /// <summary>The words of our own HTML without its tags, for the plain-text resend.</summary>
    public static string PlainText(string html) => WebUtility.HtmlDecode(Tags().Replace(html, ""));

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
