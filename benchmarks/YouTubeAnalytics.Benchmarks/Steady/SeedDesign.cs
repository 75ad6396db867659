using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Npgsql;
using NpgsqlTypes;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Benchmarks.Support;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Benchmarks.Steady;

/// <summary>
/// The seed's design as the seed wrote it, in C# on the same PostgreSQL server: one consumer of the raw topic that,
/// per record, runs BEGIN, SELECTs the video's last state (a JSONB row), UPSERTs the new state (JSONB), COMMITs, and
/// publishes to the processed topic when the change is significant (≥ 5% of views). Its offset is stored after the
/// COMMIT and auto-committed every second, as ours commits acked offsets at least every second.
/// </summary>
public static class SeedDesign
{
    public const string Topic = "seed-raw-data";
    public const string ProcessedTopic = "seed-processed-data";
    public const string GroupId = "seed-processor";
    public const double SignificantPercent = 5;

    private const string Schema = "CREATE TABLE video_state (video_id text PRIMARY KEY, state jsonb NOT NULL, updated_at timestamptz NOT NULL)";
    private const string Select = "SELECT state FROM video_state WHERE video_id = $1";
    private const string Upsert = """
        INSERT INTO video_state (video_id, state, updated_at) VALUES ($1, $2, now())
        ON CONFLICT (video_id) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at
        """;

    public static async Task<SteadyRun> RunAsync(IReadOnlyList<VideoStatsObserved> activation, IReadOnlyList<VideoStatsObserved> steady)
    {
        using var kafka = new MockKafkaCluster();
        using var database = new PostgresTestDatabase();
        await using (var setup = new NpgsqlConnection(database.ConnectionString))
        {
            await setup.OpenAsync();
            await new NpgsqlCommand(Schema, setup).ExecuteNonQueryAsync();
        }
        using var producer = kafka.NewProducer();
        using var durable = new DurableOffsets(kafka, Topic, GroupId);
        await Samples.ProduceAsync(producer, Topic, [Samples.Sample("warmupVideo", 1, Samples.Start)]);
        using var stop = new CancellationTokenSource();
        var consumer = Task.Factory.StartNew(() => Consume(kafka, database.ConnectionString, stop.Token),
            TaskCreationOptions.LongRunning);
        try
        {
            await durable.UntilDurableAsync(durable.Ends(), TimeSpan.FromMinutes(2), "seed: warm-up (group join)");
            var activationSeconds = await OursSteady.TimedAsync(producer, durable, activation, "seed: activation", Topic);
            var (cpu, dbCpu) = (CpuClock.Process(), CpuClock.Database(database.Name));
            var steadySeconds = await OursSteady.TimedAsync(producer, durable, steady, "seed: steady state", Topic);
            (cpu, dbCpu) = (CpuClock.Process() - cpu, CpuClock.Database(database.Name) - dbCpu);
            return new SteadyRun("seed", activation.Count, steady.Count, activationSeconds, steadySeconds, Machine.LoadAverage())
            {
                ProcessCpuSeconds = cpu,
                DatabaseCpuSeconds = dbCpu,
            };
        }
        finally
        {
            await stop.CancelAsync();
            await consumer;
        }
    }

    private sealed record VideoStateRow(string VideoId, string? Title, long ViewCount, long? LikeCount, long? CommentCount, DateTimeOffset ObservedAt, long Samples);

    private static void Consume(MockKafkaCluster kafka, string connectionString, CancellationToken stop)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = GroupId,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = true,
            AutoCommitIntervalMs = 1000,
            EnableAutoOffsetStore = false,
            SessionTimeoutMs = 6000,
            HeartbeatIntervalMs = 500,
        }).Build();
        using var processed = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, LingerMs = 5 }).Build();
        consumer.Subscribe(Topic);
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var select = new NpgsqlCommand(Select, connection) { Parameters = { new() { NpgsqlDbType = NpgsqlDbType.Text } } };
        using var upsert = new NpgsqlCommand(Upsert, connection)
        {
            Parameters = { new() { NpgsqlDbType = NpgsqlDbType.Text }, new() { NpgsqlDbType = NpgsqlDbType.Jsonb } },
        };
        select.Prepare();
        upsert.Prepare();
        while (!stop.IsCancellationRequested)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (record is null || record.IsPartitionEOF)
                continue;
            if (VideoStatsObservedCodec.TryDecode(record.Message.Value, out var sample, out _) && sample is not null)
                Process(connection, select, upsert, processed, sample);
            consumer.StoreOffset(record);
        }
        processed.Flush(TimeSpan.FromSeconds(10));
        consumer.Close();
    }

    private static void Process(NpgsqlConnection connection, NpgsqlCommand select, NpgsqlCommand upsert,
        IProducer<byte[]?, byte[]?> processed, VideoStatsObserved sample)
    {
        using var transaction = connection.BeginTransaction();
        select.Transaction = transaction;
        upsert.Transaction = transaction;
        select.Parameters[0].Value = sample.VideoId;
        VideoStateRow? last = null;
        using (var reader = select.ExecuteReader())
        {
            if (reader.Read())
                last = JsonSerializer.Deserialize<VideoStateRow>(reader.GetString(0));
        }
        if (last is not null && sample.ObservedAt <= last.ObservedAt)
        {
            transaction.Commit();
            return;
        }
        var next = new VideoStateRow(sample.VideoId, sample.Title, sample.ViewCount, sample.LikeCount, sample.CommentCount,
            sample.ObservedAt, (last?.Samples ?? 0) + 1);
        upsert.Parameters[0].Value = sample.VideoId;
        upsert.Parameters[1].Value = JsonSerializer.Serialize(next);
        upsert.ExecuteNonQuery();
        transaction.Commit();
        if (last is { ViewCount: > 0 } && (sample.ViewCount - last.ViewCount) * 100.0 / last.ViewCount >= SignificantPercent)
        {
            var activity = JsonSerializer.SerializeToUtf8Bytes(new
            {
                schema = 1, videoId = sample.VideoId, title = sample.Title, metric = "views", previous = last.ViewCount,
                current = sample.ViewCount, deltaAbs = sample.ViewCount - last.ViewCount, observedAt = sample.ObservedAt,
            });
            processed.Produce(ProcessedTopic, new Message<byte[]?, byte[]?> { Key = Encoding.UTF8.GetBytes(sample.VideoId), Value = activity });
        }
    }
}
