namespace YouTubeAnalytics.Actors.Alerts;

/// <summary>
/// Where the notifier sends alerts (the log, Telegram). Alerts come in journal order, one at a time while the sink
/// keeps up and as a batch of everything that queued up when it does not (a sink may merge a batch into a digest).
/// A completed task means "all delivered"; a faulted or cancelled one means "try the whole batch again later": the
/// notifier never drops an alert, so a sink that delivered part of a batch should remember what it sent.
/// </summary>
public interface IAlertSink
{
    /// <summary>What the startup log and GET / call this sink, e.g. "log" or "telegram".</summary>
    string Name { get; }

    Task DeliverAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken);

    /// <summary>
    /// The same, for a sink that delivers a batch in several steps (a digest split into messages): it calls
    /// <paramref name="delivered"/> with the ids of alerts that are out, in batch order, as it goes, and the notifier
    /// records them at once, so a crash mid-batch does not deliver them again.
    /// </summary>
    Task DeliverAsync(IReadOnlyList<Alert> alerts, Action<IReadOnlyList<string>> delivered, CancellationToken cancellationToken) =>
        DeliverAsync(alerts, cancellationToken);
}
