using YouTubeAnalytics.Actors.Resilience;

namespace YouTubeAnalytics.Streams.Ingest;

/// <summary>
/// How the ingest stream offers samples: in flight at once, how long an offer waits, how often it is tried
/// (<see cref="OfferRetry"/> between tries: about 5 minutes of retries by default, so a journal outage shorter than that
/// loses nothing), and how a failed stream restarts (<see cref="Restart"/>).
/// </summary>
public sealed record IngestSettings(int Parallelism, TimeSpan AskTimeout, int MaxAttempts, BackoffPolicy OfferRetry, BackoffPolicy Restart)
{
    public static IngestSettings Default { get; } = new(
        8, TimeSpan.FromSeconds(10), 16,
        new BackoffPolicy(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30)),
        new BackoffPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)));
}
