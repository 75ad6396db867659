namespace YouTubeAnalytics.Actors.Alerts;

/// <summary>
/// What the notifier knows of a batch's delivery and how a sink reports to it, per recipient (a chat, the processed
/// topic): <see cref="Needs"/> answers from the notifier's persisted per-recipient progress (taken when the delivery
/// started), and each report is persisted by the notifier, keyed by alertId, whether or not the batch it came with is
/// still in flight (a chat's held alerts may go out later, from a timer).
/// </summary>
/// <remarks>A recipient is a stable name of the sink's choosing, e.g. "telegram:-1001234" for a configured chat id.</remarks>
public sealed class AlertProgress(
    Func<IReadOnlyList<string>, Task> delivered,
    Action<string, IReadOnlyList<string>>? received = null,
    Action<string, IReadOnlyList<string>>? owed = null,
    Func<string, string, bool>? needs = null,
    Action<string, string>? moved = null,
    Func<string, string?>? movedTo = null)
{
    /// <summary>Progress that nobody records (a sink used outside the notifier).</summary>
    public static AlertProgress None { get; } = new(_ => Task.CompletedTask);

    /// <summary>Progress whose batch-level reports go to <paramref name="delivered"/>; per-recipient reports are not kept.</summary>
    public static AlertProgress Reporting(Action<IReadOnlyList<string>> delivered) => new(ids =>
    {
        delivered(ids);
        return Task.CompletedTask;
    });

    /// <summary>False when <paramref name="recipient"/> already received the alert, or was never owed it (a re-read alert owed to another chat).</summary>
    public bool Needs(string recipient, string alertId) => needs?.Invoke(recipient, alertId) ?? true;

    /// <summary>The alerts are done for every recipient as far as this batch goes (out, or held for a recipient reported <see cref="Owed"/>).</summary>
    public void Delivered(IReadOnlyList<string> alertIds) => _ = DeliveredAsync(alertIds);

    /// <summary>
    /// <see cref="Delivered"/>, completing once the notifier has persisted the record: a sink that awaits it before its
    /// next send never has more than one alert out and unrecorded, so a crash or a freeze resends at most that one.
    /// </summary>
    public Task DeliveredAsync(IReadOnlyList<string> alertIds) =>
        alertIds.Count > 0 ? delivered(alertIds) : Task.CompletedTask;

    /// <summary>
    /// Where <paramref name="recipient"/> was last recorded as moved to (a group that became a supergroup: the new chat
    /// id), or null: a restarted sink delivers there at once.
    /// </summary>
    public string? MovedTo(string recipient) => movedTo?.Invoke(recipient);

    /// <summary><paramref name="recipient"/> now receives at <paramref name="to"/>: the notifier persists it.</summary>
    public void Moved(string recipient, string to) => moved?.Invoke(recipient, to);

    /// <summary><paramref name="recipient"/> got the alerts (or does not want them): never sent to it again.</summary>
    public void Received(string recipient, IReadOnlyList<string> alertIds)
    {
        if (alertIds.Count > 0)
            received?.Invoke(recipient, alertIds);
    }

    /// <summary>
    /// <paramref name="recipient"/> cannot take the alerts now (parked, paused): the batch may move on, and the notifier
    /// keeps them owed to it, across restarts, until it reports them <see cref="Received"/>.
    /// </summary>
    public void Owed(string recipient, IReadOnlyList<string> alertIds)
    {
        if (alertIds.Count > 0)
            owed?.Invoke(recipient, alertIds);
    }
}
