using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using YouTubeAnalytics.Actors.Resilience;

namespace YouTubeAnalytics.Streams.Ingest;

/// <summary>
/// One ingest pipeline, whatever its source and delivery: <see cref="Open"/> builds the stream of outcomes (a poll
/// source through a delivery flow, or a topic consumer into the shards), and is called again on every restart.
/// The first token is cancelled when the pipeline stops, so retries and waits inside it end with it. The second is
/// cancelled at a graceful stop of the node when <see cref="Drains"/>: the source fetches nothing more, what it
/// fetched flows through and the stream completes (see <see cref="PipelineActor"/>).
/// </summary>
public sealed record PipelineDefinition(
    string Source, Func<CancellationToken, CancellationToken, Source<IngestOutcome, NotUsed>> Open, bool Drains)
{
    /// <summary>A pipeline that does not drain: a topic consumer, whose committed offsets say what is left.</summary>
    public PipelineDefinition(string source, Func<CancellationToken, Source<IngestOutcome, NotUsed>> open)
        : this(source, (stopping, _) => open(stopping), Drains: false)
    {
    }
}

/// <summary>
/// Owns one ingest pipeline for as long as it lives (as a cluster singleton for the poller, per node for a
/// consumer): runs it, restarts it with <see cref="BackoffPolicy"/> when it fails (e.g. the journal is down and offers
/// time out), stops it with a kill switch, counts every outcome and answers <see cref="GetIngestStatus"/>.
/// A draining pipeline is drained at a graceful stop (SIGTERM): in the phase service-requests-done, while the shards
/// still persist, its source stops fetching and the actor stops once what was fetched went through (bounded by the
/// phase's timeout, coordinated-shutdown.phases.service-requests-done.timeout).
/// </summary>
public sealed class PipelineActor : ReceiveActor
{
    private readonly PipelineDefinition _pipeline;
    private readonly BackoffPolicy _restart;
    private readonly IngestCounters _counters = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _draining = new();
    private UniqueKillSwitch? _killSwitch;
    private Task _currentRun = Task.CompletedTask;

    public PipelineActor(PipelineDefinition pipeline, BackoffPolicy restart)
    {
        _pipeline = pipeline;
        _restart = restart;
        Receive<GetIngestStatus>(_ => Sender.Tell(_counters.Snapshot(_pipeline.Source)));
        Receive<Drain>(_ =>
        {
            _draining.Cancel();
            Volatile.Read(ref _currentRun).ContinueWith(_ => Drained.Instance, TaskScheduler.Default).PipeTo(Self);
        });
        Receive<Drained>(_ =>
        {
            Context.GetLogger().Info("Ingest from {0} drained: what was fetched went through", _pipeline.Source);
            Context.Stop(Self);
        });
    }

    /// <summary>A graceful stop: fetch nothing more, let what was fetched through, then stop.</summary>
    public sealed class Drain
    {
        public static readonly Drain Instance = new();

        private Drain()
        {
        }
    }

    private sealed class Drained
    {
        public static readonly Drained Instance = new();
    }

    public static Props PropsFor(PipelineDefinition pipeline, BackoffPolicy restart) =>
        Props.Create(() => new PipelineActor(pipeline, restart));

    protected override void PreStart()
    {
        var log = Context.GetLogger();
        var source = _pipeline.Source;
        var stopping = _stopping.Token;
        var draining = _draining.Token;
        _killSwitch = RestartSource
            .WithBackoff(() => _pipeline.Open(stopping, draining)
                .WatchTermination((_, done) =>
                {
                    Volatile.Write(ref _currentRun, done);
                    done.ContinueWith(t =>
                    {
                        if (t.IsFaulted && t.Exception!.GetBaseException() is not AbruptStageTerminationException)
                            log.Warning(t.Exception!.GetBaseException(), "Ingest from {0} failed; restarting with backoff", source);
                    }, TaskScheduler.Default);
                    return NotUsed.Instance;
                }), _restart.ToRestartSettings())
            .ViaMaterialized(KillSwitches.Single<IngestOutcome>(), Keep.Right)
            .To(Sink.ForEach<IngestOutcome>(_counters.Count))
            .Run(Context.Materializer());
        log.Info("Ingest started from {0}", source);
        if (_pipeline.Drains)
        {
            var shutdown = CoordinatedShutdown.Get(Context.System);
            var phase = CoordinatedShutdown.PhaseServiceRequestsDone;
            var self = Self;
            // An actor already stopped answers at once; one still draining at the timeout is stopped by the kill switch.
            shutdown.AddTask(phase, "drain-ingest-" + source, async () =>
            {
                try
                {
                    await self.GracefulStop(shutdown.Timeout(phase), Drain.Instance);
                }
                catch (Exception e) when (e is TaskCanceledException or AskTimeoutException)
                {
                    log.Warning("Ingest from {0} not drained within {1}", source, shutdown.Timeout(phase));
                }
                return Done.Instance;
            });
        }
    }

    protected override void PostStop()
    {
        _killSwitch?.Shutdown();
        _stopping.Cancel();
        _draining.Cancel();
        _stopping.Dispose();
        _draining.Dispose();
    }
}
