using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using YouTubeAnalytics.Actors.Persistence;
using YouTubeAnalytics.Streams.Ingest;

namespace YouTubeAnalytics.Streams.Kafka;

/// <summary>
/// Runs the raw topic into the video shards on this node, as one member of the consumer group (one per process
/// node, so the partitions spread over the nodes). A failed stream (asks timing out while the journal is down)
/// restarts with backoff as a new group member, from the last commit.
/// </summary>
public sealed class KafkaIngestActor : ReceiveActor
{
    public const string Name = "kafka-ingest";

    private readonly KafkaSettings _kafka;
    private readonly IActorRef _videoRegion;
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly IngestSettings _settings;
    private readonly ILoggerFactory _loggers;
    private readonly IngestCounters _counters = new();
    private UniqueKillSwitch? _killSwitch;

    public KafkaIngestActor(KafkaSettings kafka, IActorRef videoRegion, IProducer<byte[]?, byte[]?> producer,
        IngestSettings settings, ILoggerFactory loggers)
    {
        _kafka = kafka;
        _videoRegion = videoRegion;
        _producer = producer;
        _settings = settings;
        _loggers = loggers;
        Receive<IngestActor.GetIngestStatus>(_ => Sender.Tell(_counters.Snapshot(kafka.RawTopic)));
    }

    public static Props PropsFor(KafkaSettings kafka, IActorRef videoRegion, IProducer<byte[]?, byte[]?> producer,
        IngestSettings settings, ILoggerFactory loggers) =>
        Props.Create(() => new KafkaIngestActor(kafka, videoRegion, producer, settings, loggers));

    protected override void PreStart()
    {
        var log = Context.GetLogger();
        var consumerLogger = _loggers.CreateLogger<CommittableConsumer>();
        _killSwitch = RestartSource
            .WithBackoff(() => KafkaIngestFlows
                .RawToShards(new CommittableConsumer(_kafka, _kafka.RawTopic, consumerLogger), _videoRegion, _producer,
                    _kafka.DeadLetterTopic, _settings, JournalWriteSignal.For(Context.System))
                .WatchTermination((_, done) =>
                {
                    done.ContinueWith(t =>
                    {
                        if (t.IsFaulted && t.Exception!.GetBaseException() is not AbruptStageTerminationException)
                            log.Warning(t.Exception!.GetBaseException(), "Kafka ingest stream failed; restarting with backoff");
                    }, TaskScheduler.Default);
                    return NotUsed.Instance;
                }), RestartSettings.Create(_settings.MinBackoff, _settings.MaxBackoff, 0.2))
            .ViaMaterialized(KillSwitches.Single<object>(), Keep.Right)
            .To(Sink.ForEach<object>(_counters.Count))
            .Run(Context.Materializer());
        log.Info("Kafka ingest started: {0} -> video shards (group {1})", _kafka.RawTopic, _kafka.GroupId);
    }

    protected override void PostStop() => _killSwitch?.Shutdown();
}
