using System.Collections.Immutable;
using System.Text.Json.Serialization;
using YouTubeAnalytics.Actors.Serialization;

namespace YouTubeAnalytics.Actors.Alerts;

/// <summary>
/// The notifier's durable memory: how far the alert projection got, the last alert ids delivered (a guard against the
/// same alert id appearing twice in the journal, e.g. from two incarnations of a video during a network partition),
/// and each recipient's progress keyed by alertId: what it received while its batch was in flight, and what it is
/// owed (held for a parked or paused chat while the others moved on). A recipient's queue is the alerts it has not
/// received, in journal order; <see cref="Offset"/> stays the backstop for what was raised, and
/// <see cref="ResumeAfter"/> reaches back to the oldest alert still owed.
/// </summary>
/// <param name="Recipients">Absent (null) in a notifier.state.v1 snapshot written before per-recipient progress.</param>
public sealed record NotifierState(
    long Offset, long DeliveredCount, ImmutableArray<string> RecentAlertIds,
    ImmutableDictionary<string, RecipientProgress>? Recipients = null) : IProtocolMessage
{
    public const int RememberedIds = 1000;

    public static NotifierState Empty { get; } = new(0, 0, []);

    [JsonIgnore]
    public ImmutableDictionary<string, RecipientProgress> RecipientProgress =>
        Recipients ?? ImmutableDictionary<string, RecipientProgress>.Empty;

    public bool WasDelivered(string alertId) => RecentAlertIds.Contains(alertId);

    /// <summary>Where the projection starts: after the offset, or before the oldest alert some recipient is still owed.</summary>
    [JsonIgnore]
    public long ResumeAfter =>
        Math.Min(Offset, RecipientProgress.Values.SelectMany(r => r.Owed.Values).DefaultIfEmpty(long.MaxValue).Min() - 1);

    /// <summary>Delivered, or behind the offset: handed over again only to a recipient it is owed to.</summary>
    public bool IsSettled(string alertId, long ordering) => ordering <= Offset || WasDelivered(alertId);

    /// <summary>How many alerts each recipient is owed.</summary>
    public IReadOnlyDictionary<string, int> OwedCounts() =>
        RecipientProgress.Where(r => !r.Value.Owed.IsEmpty).ToDictionary(r => r.Key, r => r.Value.Owed.Count);

    /// <summary>Some recipient is owed the alert (it was delivered to the others and held for that one).</summary>
    public bool IsOwed(string alertId) => RecipientProgress.Values.Any(r => r.Owed.ContainsKey(alertId));

    /// <summary>
    /// Whether <paramref name="recipient"/> still needs the alert: not if it received it, nor if the alert is settled
    /// (delivered, or behind the offset) and not owed to it.
    /// </summary>
    public bool Needs(string recipient, string alertId, long ordering)
    {
        var progress = RecipientProgress.GetValueOrDefault(recipient);
        if (progress is not null && progress.Received.Contains(alertId))
            return false;
        return !IsSettled(alertId, ordering) || (progress is not null && progress.Owed.ContainsKey(alertId));
    }

    public NotifierState Apply(NotifierEvents.AlertDelivered e)
    {
        var ids = RecentAlertIds.Add(e.AlertId);
        if (ids.Length > RememberedIds)
            ids = ids.RemoveRange(0, ids.Length - RememberedIds);
        return this with { Offset = Math.Max(Offset, e.Ordering), DeliveredCount = DeliveredCount + 1, RecentAlertIds = ids };
    }

    public NotifierState Apply(NotifierEvents.AlertReceived e) =>
        With(e.Recipient, RecipientProgressOf(e.Recipient).Receive(e.AlertId));

    public NotifierState Apply(NotifierEvents.AlertOwed e) =>
        With(e.Recipient, RecipientProgressOf(e.Recipient).Owe(e.AlertId, e.Ordering));

    public NotifierState Apply(NotifierEvents.RecipientMoved e) =>
        With(e.Recipient, RecipientProgressOf(e.Recipient) with { MovedTo = e.MovedTo });

    /// <summary>Where the recipient was last recorded as moved to, or null.</summary>
    public string? MovedTo(string recipient) => RecipientProgress.GetValueOrDefault(recipient)?.MovedTo;

    private RecipientProgress RecipientProgressOf(string recipient) =>
        RecipientProgress.GetValueOrDefault(recipient) ?? Alerts.RecipientProgress.Empty;

    private NotifierState With(string recipient, RecipientProgress progress) =>
        this with { Recipients = RecipientProgress.SetItem(recipient, progress) };
}

/// <summary>
/// One recipient's progress: the last alert ids it received (enough to cover any batch in flight or re-read), and the
/// alerts it is owed with their journal ordering, and where it moved to (a migrated group's supergroup id), if it did.
/// </summary>
public sealed record RecipientProgress(ImmutableArray<string> Received, ImmutableDictionary<string, long> Owed, string? MovedTo = null)
{
    public const int RememberedReceived = 1000;

    public static RecipientProgress Empty { get; } = new([], ImmutableDictionary<string, long>.Empty);

    public RecipientProgress Receive(string alertId)
    {
        var received = Received.Contains(alertId) ? Received : Received.Add(alertId);
        if (received.Length > RememberedReceived)
            received = received.RemoveRange(0, received.Length - RememberedReceived);
        return this with { Received = received, Owed = Owed.Remove(alertId) };
    }

    public RecipientProgress Owe(string alertId, long ordering) =>
        Received.Contains(alertId) ? this : this with { Owed = Owed.SetItem(alertId, ordering) };
}
