using System.Globalization;
using Microsoft.Extensions.Logging;
using YouTubeAnalytics.Actors.Alerts.Summary;
using YouTubeAnalytics.Streams.Telegram;

namespace YouTubeAnalytics.Streams.Alerts;

/// <summary>The daily summary's sink when no Telegram bot is configured: each message of the summary as one log line, worded as in the chat.</summary>
public sealed partial class LogSummarySink(IDailyFiguresSource figures, ILogger<LogSummarySink> logger) : IDailySummarySink
{
    public async Task SendAsync(DueSummary summary, CancellationToken cancellationToken)
    {
        var read = await figures.ReadAsync(summary.Occurrence, cancellationToken);
        foreach (var message in DailySummaryHtml.Build(summary, read))
            LogSummary(logger, summary.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), summary.ChatId,
                string.Join(" · ", message.Plain.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
    }

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "DAILY SUMMARY {Day} for chat {ChatId}: {Text}")]
    private static partial void LogSummary(ILogger logger, string day, long chatId, string text);
}
