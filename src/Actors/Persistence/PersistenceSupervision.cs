using Akka.Actor;
using Akka.Pattern;

namespace YouTubeAnalytics.Actors.Persistence;

/// <summary>
/// The one supervision policy of every persistent singleton (watchlist, notifier, bot, journal probe). A persistent
/// actor stops itself when a write or its recovery fails (disk full, a read-only database, an outage), and a stopped
/// singleton would stay stopped until the process restarts; under this supervisor it is started again with backoff,
/// recovers from the journal, and carries on once the journal accepts writes. Nothing acknowledged is lost: replies
/// go out only after the persist callback, so the write that failed was never acknowledged.
/// Sharded VideoActors need no wrapper: sharding starts a stopped entity again on its next message, and the
/// sender (ingest, an API ask) retries.
/// </summary>
public static class PersistenceSupervision
{
    public static readonly TimeSpan MinBackoff = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between two attempts: the worst case from "journal healthy again" to "running".</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    public static Props Supervised(Props child, string childName) =>
        BackoffSupervisor.Props(Backoff.OnStop(
            child,
            childName,
            MinBackoff,
            MaxBackoff,
            randomFactor: 0.2,
            maxNrOfRetries: -1));
}
