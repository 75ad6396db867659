using System.Globalization;
using System.Text;
using Confluent.Kafka;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Kafka.Tests.Support;
using YouTubeAnalytics.Streams.Kafka;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Kafka.Tests;

/// <summary>
/// The raw topic salted with every kind of bad record a producer can write (not JSON, a wrong schema version, a key
/// that is not the payload's videoId, payloads of 900 KB: a broker's default limit) between valid samples, consumed by the real host.
/// Oracle: each valid record persisted exactly once, each bad one dead-lettered exactly once with its original bytes,
/// the group's offsets committed to the end (no poison pill stops or loops the stream). Figure rows per kind.
/// </summary>
public sealed class KafkaFaultSpecs : IDisposable
{
    private const string Category = "Kafka bad records";
    private readonly MockKafkaCluster _kafka = new();
    private readonly TestJournal _journal = TestJournal.Sqlite();

    public void Dispose()
    {
        _journal.Dispose();
        _kafka.Dispose();
    }

    private sealed record Planted(string Kind, byte[] Key, byte[] Value)
    {
        public (int Partition, long Offset) At { get; set; }
    }

    [Fact]
    public async Task Should_persist_valid_records_once_and_dead_letter_each_bad_one_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var records = new List<Planted>();
        for (var i = 0; i < 400; i++)
        {
            var videoId = $"kfault{i % 20:D5}";
            var sample = new VideoStatsObserved(videoId, "UCfault", $"Video {i % 20}", "Faults", start.AddDays(-1),
                10_000 + i, 100, 10, start.AddSeconds(i), SampleSources.Demo);
            var key = Encoding.UTF8.GetBytes(videoId);
            var json = Encoding.UTF8.GetString(VideoStatsObservedCodec.Encode(sample));
            records.Add(new Planted("valid", key, VideoStatsObservedCodec.Encode(sample)));
            if (i % 40 == 5)
                records.Add(new Planted("not JSON", key, [.. Encoding.UTF8.GetBytes(json[..(json.Length / 2)]), 0xff, 0xfe]));
            if (i % 40 == 15)
                records.Add(new Planted("wrong schema version", key, Encoding.UTF8.GetBytes(json.Replace("\"schema\":1", "\"schema\":7", StringComparison.Ordinal))));
            if (i % 40 == 25)
                records.Add(new Planted("key not the payload's videoId", Encoding.UTF8.GetBytes("kfault99999"), VideoStatsObservedCodec.Encode(sample)));
            if (i % 100 == 35)
            {
                // The largest a broker takes by default (message.max.bytes, 1 MB); librdkafka's mock cluster loses
                // the records around a batch of several MB, even for a plain reader, so the suite stays under it.
                var huge = sample with { Title = new string('t', 900 * 1024) };
                records.Add(new Planted("payload of 900 KB (valid JSON)", key, VideoStatsObservedCodec.Encode(huge)));
            }
        }
        using (var producer = _kafka.NewProducer())
        {
            foreach (var record in records)
            {
                var delivered = await producer.ProduceAsync(RawRecords.RawTopic, new Message<byte[]?, byte[]?> { Key = record.Key, Value = record.Value }, ct);
                record.At = (delivered.Partition.Value, delivered.Offset.Value);
            }
        }

        var valid = records.Count(r => r.Kind == "valid");
        await using var host = new AppFactory(_journal, new RecordingAlertSink(), new ChannelVideoStatsSource(), _kafka.HostSettings());
        _ = host.Services;
        await Eventually.Holds(() =>
        {
            Assert.Equal(valid, _journal.SamplesPersisted());
            foreach (var (partition, committed, end) in _kafka.CommittedVersusEnd(RawRecords.RawTopic, KafkaSettings.DefaultGroupId))
                Assert.True(committed == end, $"partition {partition}: committed {committed}, end {end}");
        }, TimeSpan.FromMinutes(2), ct);

        var persisted = _journal.SamplesPersisted();
        var distinct = _journal.Scalar("""
            select count(*) from (select distinct persistence_id, json_extract(cast(message as text), '$.sample.observedAt')
            from journal where manifest = 'video.sample-recorded.v1') d
            """);
        var letters = _kafka.ReadAll(KafkaSettings.DefaultDeadLetterTopic)
            .Select(d => (At: (int.Parse(RawRecords.Header(d, DeadLetters.SourcePartitionHeader), CultureInfo.InvariantCulture),
                    long.Parse(RawRecords.Header(d, DeadLetters.SourceOffsetHeader), CultureInfo.InvariantCulture)),
                Key: RawRecords.Text(d.Message.Key), Value: d.Message.Value ?? []))
            .ToList();
        ReliabilityFigures.Record(Category, "valid records between the bad ones: persisted", valid, distinct, valid - distinct, persisted - distinct);
        foreach (var kind in records.Where(r => r.Kind != "valid").GroupBy(r => r.Kind))
        {
            // A dead letter counts for a planted record when it names the record's position and carries its bytes.
            var copies = kind.Select(r => letters.Count(l => l.At == r.At && l.Key == RawRecords.Text(r.Key) && l.Value.AsSpan().SequenceEqual(r.Value))).ToList();
            ReliabilityFigures.Record(Category, $"{kind.Key}: dead-lettered", kind.Count(), copies.Count(c => c >= 1),
                copies.Count(c => c == 0), copies.Sum(c => Math.Max(0, c - 1)));
            Assert.All(copies, c => Assert.Equal(1, c));
        }
        Assert.Equal(valid, persisted);
        Assert.Equal(persisted, distinct);
        Assert.Equal(records.Count - valid, letters.Count);
    }
}
