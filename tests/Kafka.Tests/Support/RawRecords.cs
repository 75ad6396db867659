using System.Text;
using Confluent.Kafka;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Streams.Kafka;

namespace YouTubeAnalytics.Kafka.Tests.Support;

/// <summary>One record for the raw topic; <see cref="Valid"/> says whether the consumer must accept it.</summary>
public sealed record RawRecord(byte[] Key, byte[] Value, bool Valid);

/// <summary>
/// A realistic raw topic: videos sampled in turn, views rising 1% a sample (a change alert every few samples), and
/// every hundredth record broken in one of the ways a producer breaks them.
/// </summary>
public static class RawRecords
{
    public static List<RawRecord> Generate(int total, int videos, DateTimeOffset start)
    {
        var records = new List<RawRecord>(total);
        var samplesPerVideo = new int[videos];
        for (var i = 0; i < total; i++)
        {
            var v = i % videos;
            var videoId = $"kafkaVid{v:D3}";
            var n = samplesPerVideo[v];
            var sample = new VideoStatsObserved(videoId, "UCkafka", $"Video {v}", "Kafka channel", start.AddDays(-1),
                (long)(1000 * Math.Pow(1.01, n)), 50 + n, 5, start.AddSeconds(n), SampleSources.Demo);
            var key = Encoding.UTF8.GetBytes(videoId);
            if (i % 100 != 99)
            {
                samplesPerVideo[v]++;
                records.Add(new RawRecord(key, VideoStatsObservedCodec.Encode(sample), true));
                continue;
            }
            var value = (i / 100 % 4) switch
            {
                0 => Encoding.UTF8.GetBytes("{\"schema\":1,\"videoId\":"),                                    // not JSON
                1 => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(VideoStatsObservedCodec.Encode(sample))
                    .Replace("\"schema\":1", "\"schema\":2", StringComparison.Ordinal)),                     // unknown schema
                2 => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(VideoStatsObservedCodec.Encode(sample))
                    .Replace("\"viewCount\":", "\"viewCount\":-", StringComparison.Ordinal)),                // fails validation
                _ => VideoStatsObservedCodec.Encode(sample with { VideoId = "otherVideo1" }),               // key is not the videoId
            };
            records.Add(new RawRecord(key, value, false));
        }
        return records;
    }

    public static async Task ProduceAsync(IProducer<byte[]?, byte[]?> producer, string topic, IEnumerable<RawRecord> records)
    {
        var sends = records.Select(r => producer.ProduceAsync(topic, new Message<byte[]?, byte[]?> { Key = r.Key, Value = r.Value }))
            .ToList();
        await Task.WhenAll(sends);
    }

    public static string Text(byte[]? bytes) => bytes is null ? "" : Encoding.UTF8.GetString(bytes);

    public static string Header(ConsumeResult<byte[]?, byte[]?> record, string name) =>
        Text(record.Message.Headers.GetLastBytes(name));

    public const string RawTopic = KafkaSettings.DefaultRawTopic;
}
