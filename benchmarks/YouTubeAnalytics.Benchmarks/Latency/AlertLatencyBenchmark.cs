using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using YouTubeAnalytics.Benchmarks.Support;
using YouTubeAnalytics.Streams.Kafka;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Benchmarks.Latency;

/// <summary>
/// Alert latency from a raw record appended to the Kafka topic (the producer's delivery report) to the fake Telegram
/// server's receipt of the message naming that video. The host runs in Kafka mode on PostgreSQL with its real
/// Telegram sink. Records are produced at the plan's rate (1,000/s) for the plan's duration: background videos
/// rising by a view a sample (never an alert) and, every <see cref="BenchmarkPlan.AlertEvery"/>, one record of an
/// alert video rising 50%. Telegram allows one message a second per chat, so alerts come slower than that: the
/// figure is the pipeline's latency, not the throttle's queue.
/// </summary>
public static class AlertLatencyBenchmark
{
    public const string Section = "latency";
    private const long Chat = 424242;
    private const int BackgroundVideos = 1_000;

    public static async Task<List<Figure>> RunAsync(BenchmarkPlan plan)
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        using var kafka = new MockKafkaCluster();
        using var journal = TestJournal.PostgreSql();
        using var producer = kafka.NewProducer();
        var topic = KafkaSettings.DefaultRawTopic;
        var alertCount = (int)(plan.LatencyDuration / plan.AlertEvery);
        var alertIds = Enumerable.Range(0, alertCount).Select(i => Samples.VideoId('x', i)).ToList();
        var background = Enumerable.Range(0, BackgroundVideos).Select(i => Samples.VideoId('l', i)).ToList();

        // Every video's baseline first (no alert), then the host; the warm-up waits for the group join and the baselines.
        await Samples.ProduceAsync(producer, topic, background.Concat(alertIds).Select(id => Samples.Sample(id, 1_000_000, Samples.Start)));
        await using var host = new AppFactory(journal, sink: null, new ChannelVideoStatsSource(), BenchHost.Settings(kafka.HostSettings(
            ("Telegram:BotToken", FakeTelegramServer.Token),
            ("Telegram:ChatId", Chat.ToString(CultureInfo.InvariantCulture)),
            ("Telegram:ApiBaseUrl", telegram.BaseUrl))));
        _ = host.Services;
        var baselines = background.Count + alertIds.Count;
        await Wait.UntilAsync(journal.SamplesPersisted, baselines, TimeSpan.FromMinutes(3), "latency warm-up");

        var appended = new ConcurrentDictionary<string, DateTimeOffset>();
        var refused = new ConcurrentQueue<string>();
        var total = (int)(plan.LatencyRate * plan.LatencyDuration.TotalSeconds);
        var alertStride = (int)(plan.LatencyRate * plan.AlertEvery.TotalSeconds);
        var watch = Stopwatch.StartNew();
        var nextAlert = 0;
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)plan.LatencyRate);
            if (due - watch.Elapsed > TimeSpan.FromMilliseconds(5))
                await Task.Delay(due - watch.Elapsed);
            if (i % alertStride == alertStride / 2 && nextAlert < alertIds.Count)
            {
                var id = alertIds[nextAlert++];
                producer.Produce(topic, Samples.Record(Samples.Sample(id, 1_500_000, Samples.Start.AddSeconds(1))), report =>
                {
                    // The delivery report runs on librdkafka's thread: note a failure, the run fails after the flush.
                    if (report.Error.IsError)
                        refused.Enqueue($"{id}: {report.Error.Reason}");
                    else
                        appended[id] = DateTimeOffset.UtcNow;
                });
                continue;
            }
            var step = i / BackgroundVideos + 1;
            producer.Produce(topic, Samples.Record(Samples.Sample(background[i % BackgroundVideos], 1_000_000 + step, Samples.Start.AddSeconds(step))));
        }
        var offeredSeconds = watch.Elapsed.TotalSeconds;
        producer.Flush(TimeSpan.FromSeconds(30));
        if (!refused.IsEmpty)
            throw new InvalidOperationException($"alert records not appended: {string.Join("; ", refused)}");
        await Wait.UntilAsync(journal.SamplesPersisted, baselines + total, TimeSpan.FromMinutes(5), "latency run persisted");
        var persistedSeconds = watch.Elapsed.TotalSeconds;

        var received = new Dictionary<string, DateTimeOffset>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60 + alertIds.Count);
        while (received.Count < alertIds.Count && DateTime.UtcNow < deadline)
        {
            foreach (var message in telegram.Accepted)
            {
                foreach (var id in alertIds.Where(id => !received.ContainsKey(id) && message.Text.Contains(id, StringComparison.Ordinal)))
                    received[id] = message.At;
            }
            await Task.Delay(100);
        }
        if (received.Count < alertIds.Count)
            throw new TimeoutException($"only {received.Count} of {alertIds.Count} alerts reached the fake Telegram server");

        var latencies = alertIds.Select(id => (received[id] - appended[id]).TotalMilliseconds).Order().ToList();
        var p50 = Percentile(latencies, 0.50);
        var p99 = Percentile(latencies, 0.99);
        // The split: the alert's record on the processed topic is produced just before the Telegram sink is called.
        var published = kafka.ReadAll(KafkaSettings.DefaultProcessedTopic)
            .GroupBy(r => System.Text.Encoding.UTF8.GetString(r.Message.Key ?? []))
            .ToDictionary(g => g.Key, g => g.Min(r => r.Message.Timestamp.UtcDateTime));
        var toProcessed = alertIds.Where(published.ContainsKey)
            .Select(id => (new DateTimeOffset(published[id]) - appended[id]).TotalMilliseconds).Order().ToList();
        Console.WriteLine($"  {alertIds.Count} alerts: p50 {p50:F0} ms, p99 {p99:F0} ms; offered {total / offeredSeconds:F0}/s, persisted {total / persistedSeconds:F0}/s");
        var scale = $"{total:N0} records over {plan.LatencyDuration.TotalSeconds:F0} s to {BackgroundVideos:N0} + {alertIds.Count} videos, {alertIds.Count} alerts, one chat";
        return
        [
            new Figure(Section, "latency.p50", "alert latency p50: raw record appended → Telegram receipt", p50, "ms", scale),
            new Figure(Section, "latency.p99", "alert latency p99", p99, "ms", scale),
            new Figure(Section, "latency.max", "alert latency max", latencies[^1], "ms", scale),
            new Figure(Section, "latency.p50.processed-topic", "of which p50 raw record appended → alert on the processed topic (journal, projection)",
                toProcessed.Count > 0 ? Percentile(toProcessed, 0.50) : double.NaN, "ms", scale),
            new Figure(Section, "latency.offered-rate", "records offered to the raw topic", total / offeredSeconds, "records/s", scale),
            new Figure(Section, "latency.persisted-rate", "records persisted (from the first offered to the last persisted)", total / persistedSeconds, "records/s", scale),
        ];
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
