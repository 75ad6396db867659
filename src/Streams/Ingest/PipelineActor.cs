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
/// The token is cancelled when the pipeline stops, so retries and waits inside it end with it.
/// </summary>
public sealed record PipelineDefinition(string Source, Func<CancellationToken, Source<IngestOutcome, NotUsed>> Open);

/// <summary>
/// Owns one ingest pipeline for as long as it lives (as a cluster singleton for the poller, per node for a
/// consumer): runs it, restarts it with <see cref="BackoffPolicy"/> when it fails (e.g. the journal is down and offers
/// time out), stops it with a kill switch, counts every outcome and answers <see cref="GetIngestStatus"/>.
/// </summary>
public sealed class PipelineActor : ReceiveActor
{
    private readonly PipelineDefinition _pipeline;
    private readonly BackoffPolicy _restart;
    private readonly IngestCounters _counters = new();
    private readonly CancellationTokenSource _stopping = new();
    private UniqueKillSwitch? _killSwitch;

    public PipelineActor(PipelineDefinition pipeline, BackoffPolicy restart)
    {
        _pipeline = pipeline;
        _restart = restart;
        Receive<GetIngestStatus>(_ => Sender.Tell(_counters.Snapshot(_pipeline.Source)));
    }

    public static Props PropsFor(PipelineDefinition pipeline, BackoffPolicy restart) =>
        Props.Create(() => new PipelineActor(pipeline, restart));

    protected override void PreStart()
    {
        var log = Context.GetLogger();
        var source = _pipeline.Source;
        var stopping = _stopping.Token;
        _killSwitch = RestartSource
            .WithBackoff(() => _pipeline.Open(stopping)
                .WatchTermination((_, done) =>
                {
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
    }

    protected override void PostStop()
    {
        _killSwitch?.Shutdown();
        _stopping.Cancel();
        _stopping.Dispose();
    }
}
