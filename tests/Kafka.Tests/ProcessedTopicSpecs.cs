using System.Net.Http.Json;
using System.Text.Json;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Kafka.Tests.Support;
using YouTubeAnalytics.Streams.Kafka;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Kafka.Tests;

/// <summary>Poller → raw topic → shards → alert projection → processed topic, across a restart of the node.</summary>
public sealed class ProcessedTopicSpecs : IDisposable
{
    private readonly MockKafkaCluster _kafka = new();
    private readonly TestJournal _journal = TestJournal.Sqlite();

    [Fact]
    public async Task Should_publish_each_alert_once_to_the_processed_topic_across_a_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var sink = new RecordingAlertSink();

        var firstSource = new ChannelVideoStatsSource();
        await using (var host = new AppFactory(_journal, sink, firstSource, _kafka.HostSettings()))
        {
            var info = await host.CreateClient().GetFromJsonAsync<JsonElement>("/", ct);
            Assert.Equal("kafka", info.GetProperty("mode").GetString());
            Assert.Equal("kafka+recording", info.GetProperty("alertSink").GetString());
            firstSource.Write(Samples(start, first: 0, count: 4));
            await Eventually.Holds(() => Assert.Equal(3 * 5, sink.Delivered.Count), TimeSpan.FromSeconds(60), ct);
        }

        var secondSource = new ChannelVideoStatsSource();
        await using (var host = new AppFactory(_journal, sink, secondSource, _kafka.HostSettings()))
        {
            _ = host.Services;
            secondSource.Write(Samples(start, first: 4, count: 3));
            await Eventually.Holds(() => Assert.Equal(6 * 5, sink.Delivered.Count), TimeSpan.FromSeconds(60), ct);
        }

        var published = _kafka.ReadAll(KafkaSettings.DefaultProcessedTopic);
        var ids = published.Select(r => RawRecords.Header(r, KafkaAlertSink.AlertIdHeader)).ToList();
        Assert.Equal(6 * 5, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(sink.Delivered.Select(a => a.AlertId).Order(), ids.Order());
        foreach (var record in published)
        {
            using var json = JsonDocument.Parse(record.Message.Value);
            var root = json.RootElement;
            Assert.Equal(SignificantActivity.CurrentSchema, root.GetProperty("schema").GetInt32());
            Assert.Equal(RawRecords.Header(record, KafkaAlertSink.AlertIdHeader), root.GetProperty("alertId").GetString());
            Assert.Equal(RawRecords.Text(record.Message.Key), root.GetProperty("videoId").GetString());
            Assert.Equal("change:views:5%", root.GetProperty("rule").GetString());
            Assert.Equal("views", root.GetProperty("metric").GetString());
            Assert.Equal(root.GetProperty("current").GetInt64() - root.GetProperty("previous").GetInt64(), root.GetProperty("deltaAbs").GetInt64());
            Assert.Equal("PT1M", root.GetProperty("window").GetString());
        }
    }

    /// <summary>Five videos, a sample a minute, views up 10% each time: every sample after the first alerts.</summary>
    private static VideoStatsObserved[] Samples(DateTimeOffset start, int first, int count) =>
        [.. from n in Enumerable.Range(first, count)
            from v in Enumerable.Range(0, 5)
            select new VideoStatsObserved($"alertVid{v:D3}", null, $"Video {v}", null, null,
                (long)(100_000 * Math.Pow(1.1, n)), null, null, start.AddMinutes(n), SampleSources.Demo)];

    public void Dispose()
    {
        _journal.Dispose();
        _kafka.Dispose();
    }
}
