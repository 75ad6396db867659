using Akka;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Streams.Dsl;
using YouTubeAnalytics.Actors.Persistence;

namespace YouTubeAnalytics.Actors.Alerts;

/// <summary>One alert as the journal holds it: its global ordering (the projection's offset) and the alert.</summary>
public sealed record RaisedAlert(long Ordering, Alert Alert);

/// <summary>
/// The one reading of the "alert" tag, shared by the notifier (delivery) and the API's alert feed: every alert
/// persisted after an ordering, then live, in journal order.
/// </summary>
public static class AlertTagSource
{
    public static IEventsByTagQuery ReadJournal(ActorSystem system, string pluginId = JournalNames.ReadJournalPluginId) =>
        PersistenceQuery.Get(system).ReadJournalFor<IEventsByTagQuery>(pluginId);

    /// <param name="offset">The last ordering already seen (exclusive); 0 reads from the start.</param>
    public static Source<RaisedAlert, NotUsed> After(IEventsByTagQuery journal, long offset) =>
        journal.EventsByTag(JournalNames.AlertTag, Offset.Sequence(offset))
            .Where(env => env.Event is IAlertEvent && env.Offset is Sequence)
            .Select(env => new RaisedAlert(((Sequence)env.Offset).Value, ((IAlertEvent)env.Event).Alert));
}
