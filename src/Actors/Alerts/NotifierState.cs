using System.Collections.Immutable;
using YouTubeAnalytics.Actors.Serialization;

namespace YouTubeAnalytics.Actors.Alerts;

/// <summary>
/// The notifier's durable memory: how far the alert projection got, and the last alert ids delivered (a guard
/// against the same alert id appearing twice in the journal, e.g. from two incarnations of a video during a
/// network partition).
/// </summary>
public sealed record NotifierState(long Offset, long DeliveredCount, ImmutableArray<string> RecentAlertIds) : IProtocolMessage
{
    public const int RememberedIds = 1000;

    public static NotifierState Empty { get; } = new(0, 0, []);

    public bool WasDelivered(string alertId) => RecentAlertIds.Contains(alertId);

    public NotifierState Apply(NotifierEvents.AlertDelivered e)
    {
        var ids = RecentAlertIds.Add(e.AlertId);
        if (ids.Length > RememberedIds)
            ids = ids.RemoveRange(0, ids.Length - RememberedIds);
        return new NotifierState(Math.Max(Offset, e.Ordering), DeliveredCount + 1, ids);
    }
}
