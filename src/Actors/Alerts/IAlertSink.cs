namespace YouTubeAnalytics.Actors.Alerts;

/// <summary>
/// Where the notifier sends alerts (the log, Telegram). A completed task means "delivered"; a faulted or cancelled one
/// means "try again later": the notifier never drops an alert. The sink must not retry forever itself.
/// </summary>
public interface IAlertSink
{
    /// <summary>What the startup log and GET / call this sink, e.g. "log" or "telegram".</summary>
    string Name { get; }

    Task DeliverAsync(Alert alert, CancellationToken cancellationToken);
}
