using System.Net.Http.Json;
using System.Text.Json;
using YouTubeAnalytics.Host.Configuration;
using YouTubeAnalytics.Host.Pipeline;
using YouTubeAnalytics.Kafka.Tests.Support;
using YouTubeAnalytics.Streams.Kafka;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Kafka.Tests;

/// <summary>GET /pipeline/status and /health/ready in Kafka mode: the consumer stage, the group's lag, the brokers.</summary>
public sealed class PipelineStatusSpecs : IDisposable
{
    private readonly MockKafkaCluster _kafka = new();
    private readonly TestJournal _journal = TestJournal.Sqlite();

    [Fact]
    public async Task Should_report_the_consumer_lag_until_the_raw_topic_is_consumed()
    {
        var ct = TestContext.Current.CancellationToken;
        var records = RawRecords.Generate(total: 300, videos: 10, start: DateTimeOffset.UtcNow.AddHours(-1));
        using (var producer = _kafka.NewProducer())
            await RawRecords.ProduceAsync(producer, RawRecords.RawTopic, records);

        // Before any process node ran, the group has committed nothing: every record is lag.
        var lag = new KafkaConsumerLag(new KafkaOptions { BootstrapServers = _kafka.BootstrapServers });
        Assert.Equal(300, await lag.MeasureAsync(ct));

        await using var host = new AppFactory(_journal, new RecordingAlertSink(), new ChannelVideoStatsSource(), _kafka.HostSettings());
        using var client = host.CreateClient();
        await Eventually.Holds(async () =>
        {
            var status = await client.GetFromJsonAsync<JsonElement>("/pipeline/status", ct);
            Assert.Equal("kafka", status.GetProperty("mode").GetString());
            Assert.Equal(0, status.GetProperty("consumerLag").GetInt64());
            var consumer = status.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "kafka-consumer");
            Assert.True(consumer.GetProperty("running").GetBoolean());
            Assert.Equal(records.Count(r => r.Valid), status.GetProperty("samplesAccepted").GetInt64());
        }, TimeSpan.FromSeconds(60), ct);
        Assert.All(_kafka.CommittedVersusEnd(RawRecords.RawTopic, KafkaSettings.DefaultGroupId), p => Assert.Equal(p.End, p.Committed));

        var health = await client.GetFromJsonAsync<JsonElement>("/health/ready", ct);
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("kafka").GetProperty("status").GetString());
    }

    public void Dispose()
    {
        _journal.Dispose();
        _kafka.Dispose();
    }
}
