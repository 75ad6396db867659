using Microsoft.Extensions.Logging;
using YouTubeAnalytics.Actors.Alerts;

namespace YouTubeAnalytics.Streams.Alerts;

/// <summary>
/// The default sink when no Telegram bot is configured: each alert as one log line, worded as in the chat
/// (title, every rule that fired, the totals, the link), the chat's lines joined by " · ". The next line is written
/// only once the notifier has recorded the previous one as delivered, so a process killed or frozen mid-batch has at
/// most one line out and unrecorded (the one the notifier's successor writes again).
/// </summary>
public sealed partial class LogAlertSink(ILogger<LogAlertSink> logger) : IAlertSink
{
    public string Name => "log";

    public async Task DeliverAsync(IReadOnlyList<Alert> alerts, AlertProgress progress, CancellationToken cancellationToken)
    {
        foreach (var alert in alerts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            LogAlert(logger, alert.AlertId, alert.VideoId, OneLine(alert));
            await progress.DeliveredAsync([alert.AlertId]).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public static string OneLine(Alert alert) =>
        string.Join(" · ", AlertText.Plain(alert).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "ALERT {AlertId} for {VideoId}: {Text}")]
    private static partial void LogAlert(ILogger logger, string alertId, string videoId, string text);
}
