using Akka;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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

    private readonly LinkedList<Alert> _recent = new(); // newest first
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Subscribers<AlertDto> _subscribers = new();

    public IDisposable Subscribe(Action<AlertDto> onAlert) => _subscribers.Add(onAlert);

    /// <summary>Newest first, only alerts observed within History:Retention; only those of <paramref name="videoId"/> when given.</summary>
    public AlertPage Page(int page, int pageSize, string? videoId = null)
    {
        var since = clock.GetUtcNow() - retention;
        List<Alert> all;
        lock (_recent)
            all = [.. _recent.Where(a => a.ObservedAt >= since && (videoId is null || a.VideoId == videoId))];
        return new AlertPage([.. all.Skip(QueryParameters.ItemsBefore(page, pageSize)).Take(pageSize).Select(AlertDto.From)], page, pageSize, all.Count);
    }

    /// <summary>The kept alerts observed after <paramref name="from"/> and at or before <paramref name="until"/>, oldest first (the daily summary's day).</summary>
    public IReadOnlyList<Alert> Between(DateTimeOffset from, DateTimeOffset until)
    {
        lock (_recent)
            return [.. _recent.Where(a => a.ObservedAt > from && a.ObservedAt <= until).Reverse()];
    }

    /// <summary>How many kept alerts were observed at or after <paramref name="since"/> (the summary's "today", "last hour").</summary>
    public int CountSince(DateTimeOffset since)
    {
        var count = 0;
        lock (_recent)
            for (var node = _recent.First; node is not null && node.Value.ObservedAt >= since; node = node.Next)
                count++;
        return count;
    }

    internal void Add(Alert alert)
    {
        lock (_recent)
        {
            if (!_ids.Add(alert.AlertId))
                return;
            // Journal order is nearly time order; an older alert arriving late is placed where it belongs.
            var node = _recent.First;
            while (node is not null && node.Value.ObservedAt > alert.ObservedAt)
                node = node.Next;
            if (node is null) _recent.AddLast(alert);
            else _recent.AddBefore(node, alert);
            while (_recent.Count > Capacity)
            {
                _ids.Remove(_recent.Last!.Value.AlertId);
                _recent.RemoveLast();
            }
        }
        _subscribers.Notify(AlertDto.From(alert));
    }

    private static readonly YouTubeAnalytics.Actors.Resilience.BackoffPolicy Restart = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    /// <summary>Reads the tagged events from the start, then live; restarts with backoff (from where it was) if the journal fails.</summary>
    internal UniqueKillSwitch Run(ActorSystem system)
    {
        var journal = AlertTagSource.ReadJournal(system);
        long offset = 0;
        return RestartSource.WithBackoff(
                () => AlertTagSource.After(journal, offset).Select(raised =>
                {
                    offset = raised.Ordering;
                    return raised.Alert;
                }),
                Restart.ToRestartSettings())
            .ViaMaterialized(KillSwitches.Single<Alert>(), Keep.Right)
            .To(Sink.ForEach<Alert>(Add))
            .Run(system.Materializer());
    }
}

/// <summary>
/// Starts the node's alert feed once the actor system runs, and stops it with the host. The read journal's constructor
/// waits (5 s, blocking) for the journal to initialize; on a loaded machine several nodes creating the schema at once take
/// longer, and that timeout thrown from StartAsync used to stop the whole host. The feed now starts in the background and
/// tries again (1 s, doubling to 30 s) until the journal answers.
/// </summary>
public sealed class AlertFeedService(AlertFeed feed, IServiceProvider services, TimeProvider clock, ILogger<AlertFeedService> log)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private UniqueKillSwitch? _running;
    private Task _starting = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var system = (ActorSystem)services.GetService(typeof(ActorSystem))!;
        _starting = Task.Run(() => StartWhenTheJournalAnswersAsync(system, _stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StartWhenTheJournalAnswersAsync(ActorSystem system, CancellationToken stopping)
    {
        var wait = TimeSpan.FromSeconds(1);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                _running = feed.Run(system);
                return;
            }
            catch (Exception ex) when (ex is AskTimeoutException || ex.InnerException is AskTimeoutException)
            {
                log.LogWarning("The alert feed's read journal did not answer ({Reason}); trying again in {Wait}", ex.GetBaseException().Message, wait);
            }
            try
            {
                await Task.Delay(wait, clock, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }
    }

    /// <summary>May be called more than once (a test host stops, then is disposed): the second call finds it stopped.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_stopping.IsCancellationRequested)
            await _stopping.CancelAsync();
        await _starting.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _running?.Shutdown();
    }

    public void Dispose() => _stopping.Dispose();
}
