using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Benchmarks.Support;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Benchmarks.Throughput;

/// <summary>
/// The database's limit: the same event rows (video, time, counts, and the event's JSON as the journal keeps it)
/// written by the fastest plain means. PostgreSQL: one binary COPY. SQLite (no COPY): one transaction of one
/// prepared INSERT, on a WAL file like the journal's.
/// </summary>
public static class CopyLimit
{
    private const string Table = """
        CREATE TABLE sample_events (
            video_id text NOT NULL, observed_at timestamptz NOT NULL, view_count bigint NOT NULL,
            like_count bigint, comment_count bigint, payload bytea NOT NULL)
        """;

    public static async Task<List<ThroughputRun>> RunAsync(string provider, BenchmarkPlan plan)
    {
        // A first small write warms the driver and the JIT; it is not counted.
        _ = provider == "PostgreSql" ? await PostgresCopyAsync(Samples.Generate('w', 100, 1)) : SqliteInsert(Samples.Generate('w', 100, 1));
        var runs = new List<ThroughputRun>();
        var prefix = 'k';
        foreach (var videos in plan.ThroughputVideos)
        {
            var samples = Samples.Generate(prefix++, videos, plan.EventsPerVideo);
            var seconds = provider == "PostgreSql" ? await PostgresCopyAsync(samples) : SqliteInsert(samples);
            runs.Add(new ThroughputRun(provider == "PostgreSql" ? "binary COPY" : "one-transaction INSERT", provider, videos, samples.Count, seconds, seconds));
            Console.WriteLine($"  database limit, {provider}, {videos:N0} videos: {runs[^1].PerSecond:F0} rows/s");
        }
        return runs;
    }

    private static async Task<double> PostgresCopyAsync(List<VideoStatsObserved> samples)
    {
        using var database = new PostgresTestDatabase();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await new NpgsqlCommand(Table, connection).ExecuteNonQueryAsync();
        var watch = Stopwatch.StartNew();
        await using (var import = await connection.BeginBinaryImportAsync(
            "COPY sample_events (video_id, observed_at, view_count, like_count, comment_count, payload) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var s in samples)
            {
                await import.StartRowAsync();
                await import.WriteAsync(s.VideoId, NpgsqlDbType.Text);
                await import.WriteAsync(s.ObservedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
                await import.WriteAsync(s.ViewCount, NpgsqlDbType.Bigint);
                await import.WriteAsync(s.LikeCount, NpgsqlDbType.Bigint);
                await import.WriteAsync(s.CommentCount, NpgsqlDbType.Bigint);
                await import.WriteAsync(VideoStatsObservedCodec.Encode(s), NpgsqlDbType.Bytea);
            }
            await import.CompleteAsync();
        }
        return watch.Elapsed.TotalSeconds;
    }

    private static double SqliteInsert(List<VideoStatsObserved> samples)
    {
        using var journal = TestJournal.Sqlite();
        using var connection = new SqliteConnection(journal.ConnectionString);
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; " + Table.Replace("timestamptz", "text", StringComparison.Ordinal)
                .Replace("bytea", "blob", StringComparison.Ordinal);
            setup.ExecuteNonQuery();
        }
        var watch = Stopwatch.StartNew();
        using (var transaction = connection.BeginTransaction())
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO sample_events VALUES ($v, $t, $views, $likes, $comments, $payload)";
            var parameters = new[] { "$v", "$t", "$views", "$likes", "$comments", "$payload" }
                .Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
            insert.Prepare();
            foreach (var s in samples)
            {
                parameters[0].Value = s.VideoId;
                parameters[1].Value = s.ObservedAt.UtcDateTime.ToString("O");
                parameters[2].Value = s.ViewCount;
                parameters[3].Value = (object?)s.LikeCount ?? DBNull.Value;
                parameters[4].Value = (object?)s.CommentCount ?? DBNull.Value;
                parameters[5].Value = VideoStatsObservedCodec.Encode(s);
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        return watch.Elapsed.TotalSeconds;
    }
}
