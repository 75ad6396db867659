using System.Diagnostics;
using Confluent.Kafka;
using Npgsql;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Benchmarks.Support;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Benchmarks.Throughput;

/// <summary>
/// The seed's design, written in C# against the same PostgreSQL server: one plain consumer loop over the raw topic
/// that, per event, reads the video's last state, computes the change and upserts the new state, one statement at a
/// time (auto-commit, as the seed's processing layer did). The clock starts at the first record (after the group join).
/// </summary>
public static class SeedBaseline
{
    private const string Schema = """
        CREATE TABLE video_stats (
            video_id text PRIMARY KEY, view_count bigint NOT NULL, like_count bigint, comment_count bigint,
            observed_at timestamptz NOT NULL, views_change_pct double precision)
        """;

    private const string Select = "SELECT view_count, observed_at FROM video_stats WHERE video_id = $1";

    private const string Upsert = """
        INSERT INTO video_stats (video_id, view_count, like_count, comment_count, observed_at, views_change_pct)
        VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (video_id) DO UPDATE SET view_count = EXCLUDED.view_count, like_count = EXCLUDED.like_count,
            comment_count = EXCLUDED.comment_count, observed_at = EXCLUDED.observed_at,
            views_change_pct = EXCLUDED.views_change_pct
        """;

    public static async Task<List<ThroughputRun>> RunAsync(BenchmarkPlan plan)
    {
        using var kafka = new MockKafkaCluster();
        using var database = new PostgresTestDatabase();
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand(Schema, connection).ExecuteNonQueryAsync();
        }

        // A first small topic warms the consumer, the driver and the JIT, as the host's warm-up sample does for ours.
        var warmup = Samples.Generate('w', 100, 1);
        using (var producer = kafka.NewProducer())
            await Samples.ProduceAsync(producer, "seed-warmup", warmup);
        await ConsumeAsync(kafka, "seed-warmup", database.ConnectionString, warmup.Count, warmup.Count);

        var runs = new List<ThroughputRun>();
        var prefix = 'k';
        foreach (var videos in plan.ThroughputVideos)
        {
            var samples = Samples.Generate(prefix++, videos, plan.EventsPerVideo);
            var topic = $"seed-raw-{videos}";
            using (var producer = kafka.NewProducer())
                await Samples.ProduceAsync(producer, topic, samples);
            var (seconds, firstPass) = await ConsumeAsync(kafka, topic, database.ConnectionString, samples.Count, videos);
            runs.Add(new ThroughputRun("kafka", "PostgreSql", videos, samples.Count, seconds, firstPass));
            Console.WriteLine($"  seed's design, {videos:N0} videos: {runs[^1].PerSecond:F0} events/s");
        }
        return runs;
    }

    private static async Task<(double Seconds, double FirstPass)> ConsumeAsync(
        MockKafkaCluster kafka, string topic, string connectionString, int expected, int videos)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = $"seed-processor-{topic}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = true,
            SessionTimeoutMs = 6000,
            HeartbeatIntervalMs = 500,
        };
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        consumer.Subscribe(topic);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand(Select, connection) { Parameters = { new() { Value = "" } } };
        await using var upsert = new NpgsqlCommand(Upsert, connection);
        for (var i = 0; i < 6; i++)
            upsert.Parameters.Add(new NpgsqlParameter());
        await select.PrepareAsync();

        Stopwatch? watch = null;
        double firstPass = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        for (var processed = 0; processed < expected;)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"seed's design: {processed} of {expected} records");
            var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (record is null)
                continue;
            watch ??= Stopwatch.StartNew();
            if (!VideoStatsObservedCodec.TryDecode(record.Message.Value, out var sample, out _) || sample is null)
                continue;
            select.Parameters[0].Value = sample.VideoId;
            long? lastViews = null;
            await using (var reader = await select.ExecuteReaderAsync())
            {
                if (await reader.ReadAsync())
                    lastViews = reader.GetInt64(0);
            }
            double? change = lastViews is > 0 ? (sample.ViewCount - lastViews.Value) * 100.0 / lastViews.Value : null;
            upsert.Parameters[0].Value = sample.VideoId;
            upsert.Parameters[1].Value = sample.ViewCount;
            upsert.Parameters[2].Value = (object?)sample.LikeCount ?? DBNull.Value;
            upsert.Parameters[3].Value = (object?)sample.CommentCount ?? DBNull.Value;
            upsert.Parameters[4].Value = sample.ObservedAt.UtcDateTime;
            upsert.Parameters[5].Value = (object?)change ?? DBNull.Value;
            if (processed == 0)
                await upsert.PrepareAsync();
            await upsert.ExecuteNonQueryAsync();
            if (++processed == videos)
                firstPass = watch.Elapsed.TotalSeconds;
        }
        var seconds = watch!.Elapsed.TotalSeconds;
        consumer.Close();
        return (seconds, firstPass);
    }
}
