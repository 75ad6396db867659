using YouTubeAnalytics.Actors.Serialization;

namespace YouTubeAnalytics.Actors.Alerts;

public interface INotifierEvent : IProtocolMessage;

public static class NotifierEvents
{
    /// <summary>
    /// The sink took the alert; <see cref="Ordering"/> is the journal offset the projection resumes after, or
    /// <see cref="NotifierState.Unlocated"/> for an alert pushed by its video before the tag query read it.
    /// </summary>
    public sealed record AlertDelivered(string AlertId, long Ordering, DateTimeOffset DeliveredAt) : INotifierEvent;

    /// <summary>
    /// The tag query reached an alert delivered before (pushed): <see cref="Ordering"/> is its place in the journal,
    /// the offset moves past it, and a recipient owed it is owed it from there.
    /// </summary>
    public sealed record AlertLocated(string AlertId, long Ordering, DateTimeOffset LocatedAt) : INotifierEvent;

    /// <summary>One recipient (a chat, the processed topic) got the alert, or does not want it: never sent to it again.</summary>
    public sealed record AlertReceived(string AlertId, string Recipient, DateTimeOffset ReceivedAt) : INotifierEvent;

    /// <summary>
    /// One recipient could not take the alert (parked, paused) while the others did: it is owed the alert, from
    /// <see cref="Ordering"/> in the journal, until an <see cref="AlertReceived"/> for it.
    /// </summary>
    public sealed record AlertOwed(string AlertId, long Ordering, string Recipient, DateTimeOffset OwedAt) : INotifierEvent;

    /// <summary>A recipient is now reached at <see cref="MovedTo"/> (a Telegram group that became a supergroup: its id).</summary>
    public sealed record RecipientMoved(string Recipient, string MovedTo, DateTimeOffset MovedAt) : INotifierEvent;
}

public static class NotifierCommands
{
    /// <summary>
    /// A video persisted this alert just now: deliver it without waiting for the tag query (which still reads it,
    /// and catches it when this message is lost). Fire-and-forget, never answered.
    /// </summary>
    public sealed record AlertPushed(Alert Alert) : IProtocolMessage;
}

public static class NotifierQueries
{
    public sealed record GetNotifierStatus : IProtocolMessage
    {
        public static readonly GetNotifierStatus Instance = new();
    }

    /// <summary>
    /// Offset = the journal ordering of the last alert delivered; Pending = alerts being delivered now; Owed = alerts
    /// held for a recipient that could not take them, per recipient (absent in replies of earlier nodes).
    /// </summary>
    public sealed record NotifierStatus(
        long Offset, long DeliveredCount, int Pending, int PendingAttempts, IReadOnlyDictionary<string, int>? Owed = null) : IProtocolMessage;
}
