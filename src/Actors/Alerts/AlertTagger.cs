using Akka.Persistence.Journal;
using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Actors.Alerts;

/// <summary>Tags <see cref="VideoEvents.AlertRaised"/> with "alert" on the way into the journal.</summary>
public sealed class AlertTagger : IWriteEventAdapter
{
    public const string Tag = Persistence.JournalNames.AlertTag;
    public const string AdapterName = "alert-tagger";

    private static readonly string[] Tags = [Tag];

    public string Manifest(object evt) => string.Empty;

    public object ToJournal(object evt) => evt is VideoEvents.AlertRaised ? new Tagged(evt, Tags) : evt;
}
