using YouTubeAnalytics.Actors.Serialization;

namespace YouTubeAnalytics.Actors.Alerts;

public interface INotifierEvent : IProtocolMessage;

public static class NotifierEvents
{
    /// <summary>The sink took the alert; <see cref="Ordering"/> is the journal offset the projection resumes after.</summary>
    public sealed record AlertDelivered(string AlertId, long Ordering, DateTimeOffset DeliveredAt) : INotifierEvent;
}

public static class NotifierQueries
{
    public sealed record GetNotifierStatus : IProtocolMessage
    {
        public static readonly GetNotifierStatus Instance = new();
    }

    /// <summary>Offset = the journal ordering of the last alert delivered; Pending = alerts being delivered now.</summary>
    public sealed record NotifierStatus(long Offset, long DeliveredCount, int Pending, int PendingAttempts) : IProtocolMessage;
}
