using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Api.Videos;

public sealed record HistoryPoint(DateTimeOffset ObservedAt, long ViewCount, long? LikeCount, long? CommentCount);

public sealed record VideoHistoryDto(string VideoId, DateTimeOffset From, DateTimeOffset To, bool Truncated, IReadOnlyList<HistoryPoint> Points);

/// <summary>A video's time series, read from its journal: the SampleRecorded events are the history.</summary>
public static class VideoHistory
{
    /// <summary>The most points one answer carries: the newest ones win (a dashboard wants the recent end).</summary>
    public const int MaxPoints = 20_000;

    /// <summary>
    /// Reads the events in <paramref name="range"/> (found by the VideoActor's time index) and keeps the samples
    /// observed in [from, to]. A cancelled token stops the journal read itself (a kill switch), not just the wait.
    /// </summary>
    public static async Task<VideoHistoryDto> ReadAsync(
        ActorSystem system, VideoQueries.HistoryRange range, DateTimeOffset from, DateTimeOffset to, HistoryReadGate? gate,
        CancellationToken cancellationToken)
    {
        var (points, truncated) = range.ToSequenceNr >= range.FromSequenceNr
            ? await ReadPointsAsync(system, VideoActor.PersistenceIdFor(range.VideoId), range.FromSequenceNr, range.ToSequenceNr,
                evt => evt is VideoEvents.SampleRecorded { Sample: var s } && s.ObservedAt >= from && s.ObservedAt <= to
                    ? new HistoryPoint(s.ObservedAt, s.ViewCount, s.LikeCount, s.CommentCount)
                    : null,
                gate, cancellationToken)
            : ([], false);
        return new VideoHistoryDto(range.VideoId, from, to, truncated, [.. points.OrderBy(p => p.ObservedAt)]);
    }

    /// <summary>
    /// The points <paramref name="point"/> makes of one journal's events in [fromSequenceNr, toSequenceNr], at most
    /// <see cref="MaxPoints"/> (the newest). A cancelled token stops the journal read itself (a kill switch).
    /// </summary>
    public static async Task<(List<T> Points, bool Truncated)> ReadPointsAsync<T>(
        ActorSystem system, string persistenceId, long fromSequenceNr, long toSequenceNr, Func<object, T?> point,
        HistoryReadGate? gate, CancellationToken cancellationToken) where T : class
    {
        var points = new Queue<T>();
        var truncated = false;
        var journal = PersistenceQuery.Get(system).ReadJournalFor<ICurrentEventsByPersistenceIdQuery>(YouTubeAnalytics.Actors.Persistence.JournalNames.ReadJournalPluginId);
        var (stop, done) = journal
            .CurrentEventsByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr)
            .ViaMaterialized(KillSwitches.Single<EventEnvelope>(), Keep.Right)
            .ToMaterialized(Sink.ForEach<EventEnvelope>(env =>
            {
                gate?.CountRead();
                if (point(env.Event) is not { } p)
                    return;
                points.Enqueue(p);
                if (points.Count > MaxPoints)
                {
                    points.Dequeue();
                    truncated = true;
                }
            }), Keep.Both)
            .Run(system.Materializer());
        await using (cancellationToken.Register(() => stop.Abort(new OperationCanceledException(cancellationToken))))
            await done;
        cancellationToken.ThrowIfCancellationRequested();
        return ([.. points], truncated);
    }
}
