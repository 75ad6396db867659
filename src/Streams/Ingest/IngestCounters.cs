namespace YouTubeAnalytics.Streams.Ingest;

/// <summary>What a pipeline did, counted from every outcome it emits (dead letters included); read by GetIngestStatus.</summary>
public sealed class IngestCounters
{
    private long _accepted;
    private long _ignored;
    private long _alerts;
    private long _published;
    private long _deadLettered;
    private long _lastSampleTicks;

    public void Count(IngestOutcome outcome)
    {
        switch (outcome)
        {
            case IngestOutcome.Accepted a:
                Interlocked.Increment(ref _accepted);
                if (a.AlertId is not null) Interlocked.Increment(ref _alerts);
                Interlocked.Exchange(ref _lastSampleTicks, a.ObservedAt.UtcTicks);
                break;
            case IngestOutcome.Ignored:
                Interlocked.Increment(ref _ignored);
                break;
            case IngestOutcome.Published p:
                Interlocked.Increment(ref _published);
                Interlocked.Exchange(ref _lastSampleTicks, p.PublishedAt.UtcTicks);
                break;
            case IngestOutcome.DeadLettered:
                Interlocked.Increment(ref _deadLettered);
                break;
            default:
                throw new InvalidOperationException($"an ingest outcome not counted: {outcome.GetType().Name}");
        }
    }

    public IngestStatus Snapshot(string source)
    {
        var ticks = Interlocked.Read(ref _lastSampleTicks);
        return new IngestStatus(source, Interlocked.Read(ref _accepted), Interlocked.Read(ref _ignored),
            Interlocked.Read(ref _alerts), Interlocked.Read(ref _published), Interlocked.Read(ref _deadLettered),
            ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero));
    }
}

/// <summary>Asks a <see cref="PipelineActor"/> for its <see cref="IngestStatus"/>.</summary>
public sealed record GetIngestStatus
{
    public static readonly GetIngestStatus Instance = new();
}

/// <summary>What one pipeline counted since it started on this node.</summary>
public sealed record IngestStatus(
    string Source, long Accepted, long Ignored, long Alerts, long Published, long DeadLettered, DateTimeOffset? LastSampleAt);
