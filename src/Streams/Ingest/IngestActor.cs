using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using YouTubeAnalytics.Actors.Videos;

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
    private readonly IActorRef _videoRegion;
    private readonly IngestSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IngestCounters _counters = new();
    private UniqueKillSwitch? _killSwitch;

    public IngestActor(IVideoStatsSource source, IActorRef videoRegion, IngestSettings settings)
    {
        _source = source;
        _videoRegion = videoRegion;
        _settings = settings;
        Receive<GetIngestStatus>(_ => Sender.Tell(_counters.Snapshot(_source.Name)));
    }

    public static Props PropsFor(IVideoStatsSource source, IActorRef videoRegion, IngestSettings settings) =>
        Props.Create(() => new IngestActor(source, videoRegion, settings));

    protected override void PreStart()
    {
        var restartSettings = RestartSettings.Create(_settings.MinBackoff, _settings.MaxBackoff, 0.2);
        var log = _log;
        _killSwitch = RestartSource
            .WithBackoff(() => _source.Open()
                .Via(IngestFlows.ToVideoShards(_videoRegion, _settings.Parallelism, _settings.AskTimeout, _settings.MaxAttempts))
                .WatchTermination((_, done) =>
                {
                    done.ContinueWith(t =>
                    {
                        if (t.IsFaulted && t.Exception!.GetBaseException() is not AbruptStageTerminationException)
                            log.Warning(t.Exception!.GetBaseException(), "Ingest stream failed; restarting with backoff");
                    }, TaskScheduler.Default);
                    return Akka.NotUsed.Instance;
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

    public sealed record IngestStatus(string Source, long Accepted, long Ignored, long Alerts, DateTimeOffset? LastSampleAt);

    private sealed class IngestCounters
    {
        private long _accepted;
        private long _ignored;
        private long _alerts;
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
            }
        }

        public IngestStatus Snapshot(string source)
        {
            var ticks = Interlocked.Read(ref _lastSampleTicks);
            return new IngestStatus(source, Interlocked.Read(ref _accepted), Interlocked.Read(ref _ignored),
                Interlocked.Read(ref _alerts), ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero));
        }
    }
}
