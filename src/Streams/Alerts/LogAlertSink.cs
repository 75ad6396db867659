using Microsoft.Extensions.Logging;
using YouTubeAnalytics.Actors.Alerts;

namespace YouTubeAnalytics.Streams.Alerts;

/// <summary>The default sink when no Telegram bot is configured: each alert as one log entry, worded as in the chat.</summary>
public sealed partial class LogAlertSink(ILogger<LogAlertSink> logger) : IAlertSink
{
    public string Name => "log";

    public Task DeliverAsync(IReadOnlyList<Alert> alerts, Action<IReadOnlyList<string>> delivered, CancellationToken cancellationToken)
    {
        foreach (var alert in alerts)
            LogAlert(logger, alert.AlertId, alert.VideoId, AlertText.Plain(alert));
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "ALERT {AlertId} for {VideoId}\n{Text}")]
    private static partial void LogAlert(ILogger logger, string alertId, string videoId, string text);
}
