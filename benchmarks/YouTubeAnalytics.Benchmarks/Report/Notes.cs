using YouTubeAnalytics.Benchmarks.Support;
using YouTubeAnalytics.Benchmarks.Throughput;

namespace YouTubeAnalytics.Benchmarks.Report;

/// <summary>What each section measures and why a number is what it is; the numbers come from the figures.</summary>
public static class Notes
{
    public static string For(string section, IReadOnlyList<Figure> figures) => section switch
    {
        ThroughputBenchmark.Section => """
            How: the real host in-process (WebApplicationFactory over Program) on a fresh journal. *Embedded*: the
            samples are written into the host's source and flow through the ingest singleton's stream; *Kafka*: they
            are produced to `youtube-raw-data` on librdkafka's mock cluster (real protocol over TCP) and consumed by
            the host. The clock runs from hand-over until the journal holds every sample; the host's start and the
            group join are warmed up first. The seed's design is one plain consumer (same records, own topic) doing
            `SELECT` + `INSERT … ON CONFLICT DO UPDATE` per event on the same server. The database's limit writes the
            same rows (video, time, counts, the event's JSON) by binary COPY (PostgreSQL) or one prepared INSERT in
            one transaction (SQLite, which has no COPY). One video in ten rises 10% a sample (alerts, delivered to a
            recording sink), the others 1%.

            Why ours is where it is: a VideoActor persists one sample at a time, so throughput is (samples in
            flight) ÷ (journal write latency). The embedded ingest stream keeps only 8 asks in flight
            (`IngestSettings.Default.Parallelism`, sized for a poller that emits a few hundred samples a round), the
            Kafka consumer 64; the journal batches concurrent writes, so more in flight is nearly free. Raising the
            embedded parallelism and letting one VideoActor persist several queued samples in one `PersistAll` are
            the next steps. The distance to COPY is the price of one transaction per write batch plus the actor
            round trips, the tag table and the serializer; the seed's design pays two round trips per event on one
            connection.
            """,
        _ => "",
    };
}
