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
        var points = new Queue<HistoryPoint>();
        var truncated = false;
        if (range.ToSequenceNr >= range.FromSequenceNr)
        {
            var journal = PersistenceQuery.Get(system).ReadJournalFor<ICurrentEventsByPersistenceIdQuery>(YouTubeAnalytics.Actors.Persistence.JournalNames.ReadJournalPluginId);
            var (stop, done) = journal
                .CurrentEventsByPersistenceId(VideoActor.PersistenceIdFor(range.VideoId), range.FromSequenceNr, range.ToSequenceNr)
                .ViaMaterialized(KillSwitches.Single<EventEnvelope>(), Keep.Right)
                .ToMaterialized(Sink.ForEach<EventEnvelope>(env =>
                {
                    gate?.CountRead();
                    if (env.Event is not VideoEvents.SampleRecorded { Sample: var s } || s.ObservedAt < from || s.ObservedAt > to)
                        return;
                    points.Enqueue(new HistoryPoint(s.ObservedAt, s.ViewCount, s.LikeCount, s.CommentCount));
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
        }
        return new VideoHistoryDto(range.VideoId, from, to, truncated, [.. points.OrderBy(p => p.ObservedAt)]);
    }
}
