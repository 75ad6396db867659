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
/// <see cref="ResumeAfter"/> reaches back to the oldest alert still owed. An alert pushed by its video is delivered
/// before the tag query reads it: its records carry <see cref="Unlocated"/> until the query reaches it
/// (<see cref="Located"/>), and only the query moves the offset.
/// </summary>
/// <param name="Recipients">Absent (null) in a notifier.state.v1 snapshot written before per-recipient progress.</param>
public sealed record NotifierState(
    long Offset, long DeliveredCount, ImmutableArray<string> RecentAlertIds,
    ImmutableDictionary<string, RecipientProgress>? Recipients = null) : IProtocolMessage
{
    public const int RememberedIds = 1000;

    /// <summary>The ordering of a pushed alert the tag query has not reached yet (journal orderings start at 1).</summary>
    public const long Unlocated = 0;

    public static NotifierState Empty { get; } = new(0, 0, []);

    [JsonIgnore]
    public ImmutableDictionary<string, RecipientProgress> RecipientProgress =>
        Recipients ?? ImmutableDictionary<string, RecipientProgress>.Empty;

    public bool WasDelivered(string alertId) => RecentAlertIds.Contains(alertId);

    /// <summary>Where the projection starts: after the offset, or before the oldest alert some recipient is still owed.</summary>
    /// <remarks>
    /// An owed alert still <see cref="Unlocated"/> is ahead of the offset (the query locates what it passes), so the
    /// projection reaches it from the offset.
    /// </remarks>
    [JsonIgnore]
    public long ResumeAfter =>
        Math.Min(Offset, RecipientProgress.Values.SelectMany(r => r.Owed.Values).Where(o => o != Unlocated)
            .DefaultIfEmpty(long.MaxValue).Min() - 1);

    /// <summary>Delivered, or behind the offset: handed over again only to a recipient it is owed to.</summary>
    public bool IsSettled(string alertId, long ordering) => (ordering != Unlocated && ordering <= Offset) || WasDelivered(alertId);

    /// <summary>What of a tag-query batch goes to the sink: new alerts, and those re-read because a recipient is owed them.</summary>
    public bool ShouldDeliver(string alertId, long ordering) => !IsSettled(alertId, ordering) || IsOwed(alertId);

    /// <summary>A pushed alert goes to the sink unless it was delivered (pushed before, or read by the tag query).</summary>
    public bool ShouldDeliverPushed(string alertId) => !WasDelivered(alertId);

    /// <summary>
    /// The alerts of a tag-query batch delivered before the query reached them (pushed): each gets its ordering, so
    /// the offset moves past it and a recipient owed it is re-read from there after a restart. Distinct by alertId.
    /// </summary>
    public IReadOnlyList<NotifierEvents.AlertLocated> Located(IEnumerable<(string AlertId, long Ordering)> read, DateTimeOffset at) =>
        [.. read.Where(a => a.Ordering > Offset && WasDelivered(a.AlertId)).DistinctBy(a => a.AlertId)
            .Select(a => new NotifierEvents.AlertLocated(a.AlertId, a.Ordering, at))];

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

    /// <summary>The tag query reached an alert already delivered: the offset moves, an unlocated owed entry gets the ordering.</summary>
    public NotifierState Apply(NotifierEvents.AlertLocated e)
    {
        var recipients = RecipientProgress;
        foreach (var (recipient, progress) in RecipientProgress)
        {
            if (progress.Owed.TryGetValue(e.AlertId, out var ordering) && ordering == Unlocated)
                recipients = recipients.SetItem(recipient, progress with { Owed = progress.Owed.SetItem(e.AlertId, e.Ordering) });
        }
        return this with
        {
            Offset = Math.Max(Offset, e.Ordering),
            Recipients = ReferenceEquals(recipients, RecipientProgress) ? Recipients : recipients,
        };
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
