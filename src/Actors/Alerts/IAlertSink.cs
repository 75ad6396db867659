namespace YouTubeAnalytics.Actors.Alerts;

/// <summary>
/// Where the notifier sends alerts (the log, Telegram, Kafka in front of either). Alerts come in journal order, one at
/// a time while the sink keeps up and as a batch of everything that queued up when it does not (a sink may merge a
/// batch into a digest). A completed task means "all delivered"; a faulted or cancelled one means "try the rest of the
/// batch again later": the notifier never drops an alert.
/// </summary>
/// <remarks>
/// There is one delivery method and it carries the progress callback, with no default implementation: a decorator
/// (such as the Kafka sink) cannot drop the callback by accident, it has to pass it on.
/// </remarks>
public interface IAlertSink
{
    /// <summary>What the startup log and GET / call this sink, e.g. "log" or "telegram".</summary>
    string Name { get; }

    /// <summary>
    /// Delivers <paramref name="alerts"/>. A sink calls <see cref="AlertProgress.Delivered"/> with the ids of alerts
    /// that are out, in batch order, as it goes (a digest split into messages, one message at a time), and the notifier
    /// records them at once, so a crash or a failure mid-batch does not deliver them again. Ids not reported count as
    /// delivered when the task completes. A sink with several recipients skips what <see cref="AlertProgress.Needs"/>
    /// says a recipient has, and reports each recipient's progress (<see cref="AlertProgress.Received"/>,
    /// <see cref="AlertProgress.Owed"/>) so a restart resends nothing a recipient got and loses nothing it was owed.
    /// </summary>
    Task DeliverAsync(IReadOnlyList<Alert> alerts, AlertProgress progress, CancellationToken cancellationToken);
}
