using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using YouTubeAnalytics.Actors.Contracts;

namespace YouTubeAnalytics.Streams.Ingest;

/// <summary>
/// How the ingest stream offers samples: in flight at once, how long an offer waits, how often it is retried (about
/// 5 minutes of retries by default: a journal outage shorter than that loses nothing), and the stream's restart backoff.
/// </summary>
public sealed record IngestSettings(int Parallelism, TimeSpan AskTimeout, int MaxAttempts, TimeSpan MinBackoff, TimeSpan MaxBackoff)
{
    public static IngestSettings Default { get; } =
        new(8, TimeSpan.FromSeconds(10), 16, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
}

/// <summary>
/// Owns the ingest stream (source → video shards) for as long as it lives; a cluster singleton so only one node
/// polls. The stream restarts with backoff when it fails (e.g. the journal is down and asks time out).
/// </summary>
public sealed class IngestActor : ReceiveActor
{
    public const string Name = "ingest";

    private readonly IVideoStatsSource _source;
    private readonly Flow<VideoStatsObserved, object, NotUsed> _deliver;
    private readonly IngestSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IngestCounters _counters = new();
    private UniqueKillSwitch? _killSwitch;

    /// <param name="deliver">Where samples go: into the video shards (embedded) or to the raw Kafka topic.</param>
    public IngestActor(IVideoStatsSource source, Flow<VideoStatsObserved, object, NotUsed> deliver, IngestSettings settings)
    {
        _source = source;
        _deliver = deliver;
        _settings = settings;
        Receive<GetIngestStatus>(_ => Sender.Tell(_counters.Snapshot(_source.Name)));
    }

    public static Props PropsFor(IVideoStatsSource source, Flow<VideoStatsObserved, object, NotUsed> deliver, IngestSettings settings) =>
        Props.Create(() => new IngestActor(source, deliver, settings));

    protected override void PreStart()
    {
        var restartSettings = RestartSettings.Create(_settings.MinBackoff, _settings.MaxBackoff, 0.2);
        var log = _log;
        _killSwitch = RestartSource
            .WithBackoff(() => _source.Open()
                .Via(_deliver)
                .WatchTermination((_, done) =>
                {
                    done.ContinueWith(t =>
                    {
                        if (t.IsFaulted && t.Exception!.GetBaseException() is not AbruptStageTerminationException)
                            log.Warning(t.Exception!.GetBaseException(), "Ingest stream failed; restarting with backoff");
                    }, TaskScheduler.Default);
                    return NotUsed.Instance;
                }), restartSettings)
            .ViaMaterialized(KillSwitches.Single<object>(), Keep.Right)
            .To(Sink.ForEach<object>(_counters.Count))
            .Run(Context.Materializer());
        _log.Info("Ingest started from source {0}", _source.Name);
    }

    protected override void PostStop() => _killSwitch?.Shutdown();

    public sealed record GetIngestStatus
    {
        public static readonly GetIngestStatus Instance = new();
    }

    public sealed record IngestStatus(string Source, long Accepted, long Ignored, long Alerts, long Published, DateTimeOffset? LastSampleAt);
}
