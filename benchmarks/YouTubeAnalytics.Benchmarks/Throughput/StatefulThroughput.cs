using System.Diagnostics;
using YouTubeAnalytics.Benchmarks.Support;
using YouTubeAnalytics.Streams.Kafka;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Benchmarks.Throughput;

/// <summary>
/// What one contender did with one size: events in, seconds taken, and of those the seconds for the first sample
/// of every video (a new actor starts and recovers an empty journal) and for the later ones (the actor is in memory).
/// </summary>
public sealed record ThroughputRun(string Source, string Provider, int Videos, int Events, double Seconds, double FirstPassSeconds)
{
    public double PerSecond => Events / Seconds;

    public double FirstPassPerSecond => Videos / FirstPassSeconds;

    public double LaterPassesPerSecond => Events > Videos ? (Events - Videos) / (Seconds - FirstPassSeconds) : double.NaN;
}

/// <summary>
/// Ours: VideoStatsObserved events into persisted VideoActor state through the real host, from the embedded source
/// (the ingest singleton's stream) or from the raw Kafka topic (librdkafka's mock cluster over TCP). The clock runs
/// from the moment the events are handed over (written to the source, or produced) until the journal holds every
/// one; the host's start and the consumer group's join are warmed up before and not counted.
/// </summary>
public static class StatefulThroughput
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    public static async Task<List<ThroughputRun>> EmbeddedAsync(string provider, BenchmarkPlan plan)
    {
        using var journal = TestJournal.Create(provider);
        var source = new ChannelVideoStatsSource();
        await using var host = new AppFactory(journal, new RecordingAlertSink(), source, BenchHost.Settings());
        _ = host.Services;

        source.Write(Samples.Sample("warmupVideo", 1, Samples.Start));
        await Wait.UntilAsync(journal.SamplesPersisted, 1, TimeSpan.FromMinutes(1), "embedded warm-up");

        var runs = new List<ThroughputRun>();
        var prefix = 'a';
        foreach (var videos in plan.ThroughputVideos)
        {
            var samples = Samples.Generate(prefix++, videos, plan.EventsPerVideo);
            var before = journal.SamplesPersisted();
            var watch = Stopwatch.StartNew();
            double firstPass = 0;
            foreach (var (pass, n) in samples.Chunk(videos).Select((pass, n) => (pass, n)))
            {
                source.Write(pass);
                await Wait.UntilAsync(journal.SamplesPersisted, before + (n + 1) * videos, Limit, $"embedded {provider} {videos}");
                if (n == 0)
                    firstPass = watch.Elapsed.TotalSeconds;
            }
            runs.Add(new ThroughputRun("embedded", provider, videos, samples.Count, watch.Elapsed.TotalSeconds, firstPass));
            Console.WriteLine($"  ours, embedded source, {provider}, {videos:N0} videos: {runs[^1].PerSecond:F0} events/s");
        }
        return runs;
    }

    public static async Task<List<ThroughputRun>> KafkaAsync(string provider, BenchmarkPlan plan)
    {
        using var kafka = new MockKafkaCluster();
        using var journal = TestJournal.Create(provider);
        using var producer = kafka.NewProducer();
        await Samples.ProduceAsync(producer, KafkaSettings.DefaultRawTopic, [Samples.Sample("warmupVideo", 1, Samples.Start)]);
        await using var host = new AppFactory(journal, new RecordingAlertSink(), new ChannelVideoStatsSource(),
            BenchHost.Settings(kafka.HostSettings()));
        _ = host.Services;
        await Wait.UntilAsync(journal.SamplesPersisted, 1, TimeSpan.FromMinutes(1), "Kafka warm-up (group join)");

        var runs = new List<ThroughputRun>();
        var prefix = 'k';
        foreach (var videos in plan.ThroughputVideos)
        {
            var samples = Samples.Generate(prefix++, videos, plan.EventsPerVideo);
            var before = journal.SamplesPersisted();
            var watch = Stopwatch.StartNew();
            double firstPass = 0;
            foreach (var (pass, n) in samples.Chunk(videos).Select((pass, n) => (pass, n)))
            {
                await Samples.ProduceAsync(producer, KafkaSettings.DefaultRawTopic, pass);
                await Wait.UntilAsync(journal.SamplesPersisted, before + (n + 1) * videos, Limit, $"Kafka {provider} {videos}");
                if (n == 0)
                    firstPass = watch.Elapsed.TotalSeconds;
            }
            runs.Add(new ThroughputRun("kafka", provider, videos, samples.Count, watch.Elapsed.TotalSeconds, firstPass));
            Console.WriteLine($"  ours, Kafka raw topic, {provider}, {videos:N0} videos: {runs[^1].PerSecond:F0} events/s");
        }
        return runs;
    }
}
