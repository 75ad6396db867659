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
/// A second group member joins mid-stream: the first drains the partitions it gives up and commits them, and the
/// two share the rest. librdkafka's mock cluster refuses commits while a rebalance is in progress (a real broker
/// takes them from the revoke callback), so here the records since the last batch commit are delivered again, and
/// the entities must ignore them.
/// </summary>
public sealed class ConsumerRebalanceSpecs(ITestOutputHelper output) : IDisposable
{
    private readonly MockKafkaCluster _kafka = new();
    private readonly TestJournal _journal = TestJournal.Sqlite();

    [Fact]
    public async Task Should_persist_each_record_once_when_a_second_member_joins_mid_stream()
    {
        var ct = TestContext.Current.CancellationToken;
        var records = RawRecords.Generate(total: 3_000, videos: 40, DateTimeOffset.UtcNow.AddHours(-1));
        using (var producer = _kafka.NewProducer())
            await RawRecords.ProduceAsync(producer, RawRecords.RawTopic, records);

        await using var host = new AppFactory(_journal, new RecordingAlertSink(), new ChannelVideoStatsSource(),
            _kafka.HostSettings(("Kafka:RawTopic", "youtube-raw-data-not-read-here")));
        var region = host.Registry.Get<VideoRegion>();
        var producerOfHost = host.Services.GetRequiredService<IProducer<byte[]?, byte[]?>>();
        var settings = _kafka.ClientSettings();
        var materializer = host.ActorSystem.Materializer();
        long answeredByFirst = 0, answeredBySecond = 0;

        var first = new CommittableConsumer(settings, RawRecords.RawTopic, new TestOutputLogger(output, "first"));
        var firstRun = Run(first, () => Interlocked.Increment(ref answeredByFirst));
        await Eventually.Holds(() => Assert.True(_journal.SamplesPersisted() >= 300), TimeSpan.FromSeconds(60), ct);
        var second = new CommittableConsumer(settings, RawRecords.RawTopic, new TestOutputLogger(output, "second"));
        var secondRun = Run(second, () => Interlocked.Increment(ref answeredBySecond));

        await Eventually.Holds(() => Assert.Equal(records.Count(r => r.Valid), _journal.SamplesPersisted()),
            TimeSpan.FromMinutes(2), ct);
        await Eventually.Holds(() =>
        {
            foreach (var (partition, committed, end) in _kafka.CommittedVersusEnd(RawRecords.RawTopic, settings.GroupId))
                Assert.True(committed == end, $"partition {partition}: committed {committed}, end {end}");
        }, TimeSpan.FromSeconds(30), ct);
        await Task.WhenAll(first.StopAsync(), second.StopAsync());
        await Task.WhenAll(firstRun, secondRun);

        output.WriteLine($"first member answered {answeredByFirst}, second {answeredBySecond}, for {records.Count} records");
        Assert.True(answeredBySecond > 0, "the second member must have been given partitions");
        Assert.True(answeredByFirst + answeredBySecond >= records.Count, "every record must have been answered");
        Assert.Equal(records.Count(r => r.Valid), _journal.SamplesPersisted());

        Task Run(CommittableConsumer consumer, Action answered) =>
            KafkaIngestFlows.RawToShards(consumer, region, producerOfHost, KafkaSettings.DefaultDeadLetterTopic,
                    IngestSettings.Default with { Parallelism = settings.Parallelism })
                .RunWith(Sink.ForEach<IngestOutcome>(_ => answered()), materializer);
    }

    public void Dispose()
    {
        _journal.Dispose();
        _kafka.Dispose();
    }
}
