using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Time.Testing;
using YouTubeAnalytics.Kafka.Tests.Support;
using YouTubeAnalytics.Streams.Kafka;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Kafka.Tests;

/// <summary>The consumer's commit interval runs on its TimeProvider: acked offsets are committed when its clock says so.</summary>
public sealed class CommitClockSpecs(ITestOutputHelper output) : IDisposable
{
    private readonly MockKafkaCluster _kafka = new();
    private readonly ActorSystem _system = ActorSystem.Create("commit-clock");

    [Fact]
    public async Task Should_commit_acked_offsets_only_once_the_commit_interval_passed_on_its_clock()
    {
        var ct = TestContext.Current.CancellationToken;
        var records = RawRecords.Generate(total: 20, videos: 5, DateTimeOffset.UtcNow.AddHours(-1));
        using (var producer = _kafka.NewProducer())
            await RawRecords.ProduceAsync(producer, RawRecords.RawTopic, records);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = _kafka.ClientSettings() with { CommitInterval = TimeSpan.FromMinutes(1), CommitBatch = 1_000 };
        var consumer = new CommittableConsumer(settings, RawRecords.RawTopic, new TestOutputLogger(output, "consumer"), time);
        var acked = 0;
        var run = consumer.Records()
            .Select(record =>
            {
                consumer.Ack(record.Offset);
                return Interlocked.Increment(ref acked);
            })
            .RunWith(Sink.Ignore<int>(), _system.Materializer());
        List<(int Partition, long Committed, long End)> Written() =>
            [.. _kafka.CommittedVersusEnd(RawRecords.RawTopic, settings.GroupId).Where(c => c.End > 0)];

        await Eventually.Holds(() => Assert.Equal(records.Count, Volatile.Read(ref acked)), TimeSpan.FromSeconds(30), ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct); // the point: real time passes (the consumer polls many times), its clock does not
        Assert.All(Written(), c => Assert.True(c.Committed < c.End, $"partition {c.Partition} committed {c.Committed} before the interval"));

        time.Advance(TimeSpan.FromMinutes(1));
        await Eventually.Holds(() => Assert.All(Written(), c => Assert.Equal(c.End, c.Committed)), TimeSpan.FromSeconds(15), ct);

        await consumer.StopAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(15), ct);
    }

    public void Dispose()
    {
        _system.Dispose();
        _kafka.Dispose();
    }
}
