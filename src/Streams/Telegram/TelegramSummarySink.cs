using YouTubeAnalytics.Actors.Alerts.Summary;

namespace YouTubeAnalytics.Streams.Telegram;

/// <summary>The figures a daily summary reports, read when it is sent (the read side and the alert feed).</summary>
public interface IDailyFiguresSource
{
    Task<DailyFigures> ReadAsync(DateTimeOffset until, CancellationToken cancellationToken);
}

/// <summary>
/// Sends a due daily summary to its chat through the <see cref="TelegramSender"/> (the alerts' throttle, 429 pauses,
/// retries and migration), one message after another; a failure fails the send, and the scheduler tries it again.
/// </summary>
/// <param name="route">The chat a configured chat id is delivered to now (a migrated group's new id); null: the id itself.</param>
public sealed class TelegramSummarySink(TelegramSender sender, IDailyFiguresSource figures, Func<long, long>? route = null) : IDailySummarySink
{
    public async Task SendAsync(DueSummary summary, CancellationToken cancellationToken)
    {
        var read = await figures.ReadAsync(summary.Occurrence, cancellationToken);
        var chat = route?.Invoke(summary.ChatId) ?? summary.ChatId;
        foreach (var message in DailySummaryHtml.Build(summary, read))
            chat = await sender.SendAsync(chat, message, cancellationToken);
    }
}
