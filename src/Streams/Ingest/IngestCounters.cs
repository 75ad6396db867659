using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Streams.Ingest;

/// <summary>What an ingest stream did, counted from the outcomes it emits; read by GetIngestStatus.</summary>
internal sealed class IngestCounters
{
    private long _accepted;
    private long _ignored;
    private long _alerts;
    private long _published;
    private long _lastSampleTicks;

    public void Count(object reply)
    {
        switch (reply)
        {
            case VideoCommands.SampleAccepted a:
                Interlocked.Increment(ref _accepted);
                if (a.AlertId is not null) Interlocked.Increment(ref _alerts);
                Interlocked.Exchange(ref _lastSampleTicks, a.ObservedAt.UtcTicks);
                break;
            case VideoCommands.SampleIgnored:
                Interlocked.Increment(ref _ignored);
                break;
            case SamplePublished p:
                Interlocked.Increment(ref _published);
                Interlocked.Exchange(ref _lastSampleTicks, p.ObservedAt.UtcTicks);
                break;
        }
    }

    public IngestActor.IngestStatus Snapshot(string source)
    {
        var ticks = Interlocked.Read(ref _lastSampleTicks);
        return new IngestActor.IngestStatus(source, Interlocked.Read(ref _accepted), Interlocked.Read(ref _ignored),
            Interlocked.Read(ref _alerts), Interlocked.Read(ref _published), ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero));
    }
}

/// <summary>A sample handed to the raw topic (Kafka mode): published, not yet persisted.</summary>
public sealed record SamplePublished(string VideoId, DateTimeOffset ObservedAt);
