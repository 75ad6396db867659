using Akka;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Hosting;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Api.ReadSide;

namespace YouTubeAnalytics.Api.Alerts;

public sealed record BreachDto(string Rule, string Metric, long Previous, long Current, long DeltaAbs, decimal? DeltaPct, double WindowSeconds);

/// <summary>An alert as GET /alerts and the dashboard's live feed show it.</summary>
public sealed record AlertDto(
    string AlertId,
    string VideoId,
    string? Title,
    string? ChannelTitle,
    DateTimeOffset ObservedAt,
    long ViewCount,
    long? LikeCount,
    long? CommentCount,
    IReadOnlyList<BreachDto> Breaches)
{
    public static AlertDto From(Alert a) => new(
        a.AlertId, a.VideoId, a.Title, a.ChannelTitle, a.ObservedAt, a.ViewCount, a.LikeCount, a.CommentCount,
        [.. a.Breaches.Select(b => new BreachDto(b.Rule, b.Metric.WireName(), b.Previous, b.Current, b.DeltaAbs, b.DeltaPct, b.Window.TotalSeconds))]);
}

public sealed record AlertPage(IReadOnlyList<AlertDto> Items, int Page, int PageSize, int Total);

/// <summary>
/// This node's view of the alerts: every AlertRaised in the journal (events tagged "alert", from videos and the
/// watchlist), the latest <see cref="Capacity"/> kept for GET /alerts, each new one pushed to the live connections.
/// The journal is shared by the cluster, so every API node sees every alert.
/// </summary>
public sealed class AlertFeed(TimeProvider clock, TimeSpan retention)
{
    public const int Capacity = 10_000;

    private readonly LinkedList<AlertDto> _recent = new(); // newest first
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Subscribers<AlertDto> _subscribers = new();

    public IDisposable Subscribe(Action<AlertDto> onAlert) => _subscribers.Add(onAlert);

    /// <summary>Newest first, only alerts observed within History:Retention; only those of <paramref name="videoId"/> when given.</summary>
    public AlertPage Page(int page, int pageSize, string? videoId = null)
    {
        var since = clock.GetUtcNow() - retention;
        List<AlertDto> all;
        lock (_recent)
            all = [.. _recent.Where(a => a.ObservedAt >= since && (videoId is null || a.VideoId == videoId))];
        return new AlertPage([.. all.Skip(QueryParameters.ItemsBefore(page, pageSize)).Take(pageSize)], page, pageSize, all.Count);
    }

    internal void Add(Alert alert)
    {
        var dto = AlertDto.From(alert);
        lock (_recent)
        {
            if (!_ids.Add(dto.AlertId))
                return;
            // Journal order is nearly time order; an older alert arriving late is placed where it belongs.
            var node = _recent.First;
            while (node is not null && node.Value.ObservedAt > dto.ObservedAt)
                node = node.Next;
            if (node is null) _recent.AddLast(dto);
            else _recent.AddBefore(node, dto);
            while (_recent.Count > Capacity)
            {
                _ids.Remove(_recent.Last!.Value.AlertId);
                _recent.RemoveLast();
            }
        }
        _subscribers.Notify(dto);
    }

    /// <summary>Reads the tagged events from the start, then live; restarts with backoff (from where it was) if the journal fails.</summary>
    internal UniqueKillSwitch Run(ActorSystem system)
    {
        var journal = PersistenceQuery.Get(system).ReadJournalFor<IEventsByTagQuery>(NotifierSettings.SqlReadJournalPluginId);
        long offset = 0;
        return RestartSource.WithBackoff(
                () => journal.EventsByTag(AlertTagger.Tag, Offset.Sequence(offset))
                    .Select(env =>
                    {
                        if (env.Offset is Sequence s) offset = s.Value;
                        return env.Event;
                    }),
                RestartSettings.Create(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2))
            .Where(e => e is VideoEvents.AlertRaised).Select(e => (VideoEvents.AlertRaised)e)
            .ViaMaterialized(KillSwitches.Single<VideoEvents.AlertRaised>(), Keep.Right)
            .To(Sink.ForEach<VideoEvents.AlertRaised>(e => Add(e.Alert)))
            .Run(system.Materializer());
    }
}

/// <summary>Starts the node's alert feed once the actor system runs, and stops it with the host.</summary>
public sealed class AlertFeedService(AlertFeed feed, IServiceProvider services) : IHostedService
{
    private UniqueKillSwitch? _running;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _running = feed.Run((ActorSystem)services.GetService(typeof(ActorSystem))!);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _running?.Shutdown();
        return Task.CompletedTask;
    }
}
