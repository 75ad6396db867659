using System.Text;
using Confluent.Kafka;
using YouTubeAnalytics.Actors.Contracts;

namespace YouTubeAnalytics.Benchmarks.Support;

/// <summary>
/// The events every contender gets: <c>videos</c> distinct videos sampled in turn, <c>eventsPerVideo</c> samples each,
/// views rising 1% a sample and one video in ten rising 10% (a change alert from its second sample on).
/// </summary>
public static class Samples
{
    public static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddHours(-2);

    /// <summary>A valid 11-character video id, distinct per (prefix, index).</summary>
    public static string VideoId(char prefix, int index) => $"{prefix}{index:D10}";

    public static List<VideoStatsObserved> Generate(char prefix, int videos, int eventsPerVideo)
    {
        var samples = new List<VideoStatsObserved>(videos * eventsPerVideo);
        for (var k = 0; k < eventsPerVideo; k++)
        {
            for (var v = 0; v < videos; v++)
            {
                var growth = v % 10 == 0 ? 1.10 : 1.01;
                samples.Add(Sample(VideoId(prefix, v), (long)(100_000 * Math.Pow(growth, k)), Start.AddSeconds(k)));
            }
        }
        return samples;
    }

    public static VideoStatsObserved Sample(string videoId, long views, DateTimeOffset at, string? title = null) =>
        new(videoId, "UCbenchmark", title ?? $"Benchmark {videoId}", "Benchmark channel", Start.AddDays(-1),
            views, views / 20, views / 200, at, SampleSources.Demo);

    public static Message<byte[]?, byte[]?> Record(VideoStatsObserved sample) =>
        new() { Key = Encoding.UTF8.GetBytes(sample.VideoId), Value = VideoStatsObservedCodec.Encode(sample) };

    public static async Task ProduceAsync(IProducer<byte[]?, byte[]?> producer, string topic, IEnumerable<VideoStatsObserved> samples)
    {
        var sends = samples.Select(s => producer.ProduceAsync(topic, Record(s))).ToList();
        await Task.WhenAll(sends);
    }
}
