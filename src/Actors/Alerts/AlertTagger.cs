using Akka.Persistence.Journal;

namespace YouTubeAnalytics.Actors.Alerts;

/// <summary>Tags every <see cref="IAlertEvent"/> (a video's, the watchlist's) with "alert" on the way into the journal.</summary>
public sealed class AlertTagger : IWriteEventAdapter
{
    public const string Tag = Persistence.JournalNames.AlertTag;
    public const string AdapterName = "alert-tagger";

    private static readonly string[] Tags = [Tag];

    public string Manifest(object evt) => string.Empty;

    public object ToJournal(object evt) => evt is IAlertEvent ? new Tagged(evt, Tags) : evt;
}
