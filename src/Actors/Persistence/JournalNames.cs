namespace YouTubeAnalytics.Actors.Persistence;

/// <summary>
/// The names every feature shares about the one journal: the read journal they query, and the tags the write side
/// puts on events. Written once here; a feature that reads the journal takes them from here.
/// </summary>
public static class JournalNames
{
    /// <summary>Akka.Persistence.Sql's read journal (events by tag, events of one persistence id).</summary>
    public const string ReadJournalPluginId = "akka.persistence.query.journal.sql";

    /// <summary>The tag of every event that raises an alert (see AlertTagger); read by the notifier and the alert feed.</summary>
    public const string AlertTag = "alert";
}
