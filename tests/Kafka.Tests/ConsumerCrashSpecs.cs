using Akka.Actor;
using Akka.Hosting;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Kafka.Tests.Support;
using YouTubeAnalytics.Streams.Ingest;
using YouTubeAnalytics.Streams.Kafka;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Kafka.Tests;

/// <summary>
/// The consumer is stopped as a crash stops it (nothing committed after the stop, records persisted but not
/// committed) several times mid-stream, and a new group member takes over from the last commit.
/// </summary>
public sealed class ConsumerCrashSpecs(ITestOutputHelper output) : IDisposable
{
    private readonly MockKafkaCluster _kafka = new();
    private readonly TestJournal _journal = TestJournal.Sqlite();

    [Fact]
    public async Task Should_lose_and_double_nothing_when_the_consumer_is_stopped_hard_and_restarted()
    {
        var ct = TestContext.Current.CancellationToken;
        var records = RawRecords.Generate(total: 5_000, videos: 50, DateTimeOffset.UtcNow.AddHours(-1));
        var valid = records.Count(r => r.Valid);
        using (var producer = _kafka.NewProducer())
            await RawRecords.ProduceAsync(producer, RawRecords.RawTopic, records);

        // A node that hosts the shards and the notifier; its own consumer reads another topic: the test runs the
        // consumer of the raw topic itself.
        var sink = new RecordingAlertSink();
        await using var host = new AppFactory(_journal, sink, new ChannelVideoStatsSource(),
            _kafka.HostSettings(("Kafka:RawTopic", "youtube-raw-data-not-read-here")));
        var region = host.Registry.Get<VideoRegion>();
        var producerOfHost = host.Services.GetRequiredService<IProducer<byte[]?, byte[]?>>();
        var settings = _kafka.ClientSettings();
        var materializer = host.ActorSystem.Materializer();

        var answered = 0L;
        foreach (var crashAfterPersisted in new long[] { 800, 2_000, 3_200 })
        {
            var consumer = new CommittableConsumer(settings, RawRecords.RawTopic, new TestOutputLogger(output, "consumer"));
            var run = RunAsync(consumer);
            await Eventually.Holds(() => Assert.True(_journal.SamplesPersisted() >= crashAfterPersisted),
                TimeSpan.FromSeconds(90), ct);
            await consumer.AbortAsync();
            await run;
            output.WriteLine($"crashed after {Interlocked.Read(ref answered)} answers, {_journal.SamplesPersisted()} samples persisted; " +
                             $"committed: {string.Join(", ", _kafka.CommittedVersusEnd(RawRecords.RawTopic, settings.GroupId).Select(c => $"{c.Partition}:{c.Committed}"))}");
        }

        var last = new CommittableConsumer(settings, RawRecords.RawTopic, new TestOutputLogger(output, "consumer"));
        var lastRun = RunAsync(last);
        await Eventually.Holds(() => Assert.Equal(valid, _journal.SamplesPersisted()), TimeSpan.FromMinutes(2), ct);
        await Eventually.Holds(() =>
        {
            foreach (var (partition, committed, end) in _kafka.CommittedVersusEnd(RawRecords.RawTopic, settings.GroupId))
                Assert.True(committed == end, $"partition {partition}: committed {committed}, end {end}");
        }, TimeSpan.FromSeconds(30), ct);
        await last.StopAsync();
        await lastRun;
        output.WriteLine($"{Interlocked.Read(ref answered)} answers for {records.Count} records: the difference was delivered again");
        Assert.True(Interlocked.Read(ref answered) > records.Count, "a crash between persist and commit must lead to redelivery");
        Assert.Equal(valid, _journal.SamplesPersisted());

        // Every malformed record is in the dead-letter topic (a redelivered one may be there twice: same source offset).
        var validByValue = records.GroupBy(r => RawRecords.Text(r.Value)).ToDictionary(g => g.Key, g => g.First().Valid);
        var malformedOffsets = _kafka.ReadAll(RawRecords.RawTopic).Where(r => !validByValue[RawRecords.Text(r.Message.Value)])
            .Select(r => $"{r.Partition.Value}:{r.Offset.Value}").Order().ToList();
        var deadLetterOffsets = _kafka.ReadAll(KafkaSettings.DefaultDeadLetterTopic)
            .Select(d => $"{RawRecords.Header(d, DeadLetters.SourcePartitionHeader)}:{RawRecords.Header(d, DeadLetters.SourceOffsetHeader)}")
            .Distinct().Order().ToList();
        Assert.Equal(malformedOffsets, deadLetterOffsets);

        // No alert twice: not to the inner sink, not to the processed topic.
        var raised = _journal.Scalar("select count(*) from tags where tag = 'alert'");
        Assert.True(raised > 0);
        await Eventually.Holds(() => Assert.Equal(raised, sink.Delivered.Count), TimeSpan.FromSeconds(60), ct);
        Assert.Equal(sink.Delivered.Count, sink.Delivered.Select(a => a.AlertId).Distinct().Count());
        var published = _kafka.ReadAll(KafkaSettings.DefaultProcessedTopic)
            .Select(r => RawRecords.Header(r, KafkaAlertSink.AlertIdHeader)).ToList();
        Assert.Equal(sink.Delivered.Select(a => a.AlertId).Order(), published.Order());

        Task RunAsync(CommittableConsumer consumer) =>
            KafkaIngestFlows.RawToShards(consumer, region, producerOfHost, KafkaSettings.DefaultDeadLetterTopic,
                    IngestSettings.Default with { Parallelism = settings.Parallelism })
                .RunWith(Sink.ForEach<IngestOutcome>(_ => Interlocked.Increment(ref answered)), materializer);
    }

    public void Dispose()
    {
        _journal.Dispose();
        _kafka.Dispose();
    }
}
