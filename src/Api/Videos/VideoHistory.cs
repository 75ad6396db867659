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

    /// <returns>Null when the video has no event at all (never observed).</returns>
    public static async Task<VideoHistoryDto?> ReadAsync(
        ActorSystem system, string videoId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var journal = PersistenceQuery.Get(system).ReadJournalFor<ICurrentEventsByPersistenceIdQuery>(NotifierSettings.SqlReadJournalPluginId);
        var points = new Queue<HistoryPoint>();
        var events = 0L;
        var truncated = false;
        await journal.CurrentEventsByPersistenceId(VideoActor.PersistenceIdFor(videoId), 0, long.MaxValue)
            .RunForeach(env =>
            {
                events++;
                if (env.Event is not VideoEvents.SampleRecorded { Sample: var s } || s.ObservedAt < from || s.ObservedAt > to)
                    return;
                points.Enqueue(new HistoryPoint(s.ObservedAt, s.ViewCount, s.LikeCount, s.CommentCount));
                if (points.Count > MaxPoints)
                {
                    points.Dequeue();
                    truncated = true;
                }
            }, system.Materializer())
            .WaitAsync(cancellationToken);
        return events == 0 ? null : new VideoHistoryDto(videoId, from, to, truncated, [.. points.OrderBy(p => p.ObservedAt)]);
    }
}
