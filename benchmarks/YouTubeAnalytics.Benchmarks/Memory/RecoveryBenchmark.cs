using System.Diagnostics;
using Akka.Actor;
using Npgsql;
using NpgsqlTypes;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Benchmarks.Support;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Benchmarks.Memory;

/// <summary>
/// Recovery of N videos with E events each (PostgreSQL journal). The events are written straight into the journal
/// table by binary COPY, serialized by the host's own serializer (writing a million events through the actors would
/// take most of the run), so there are no snapshots: each actor replays all E events, the slowest case (the live
/// actors snapshot every 100 events). Then a fresh host starts on that journal and every video is asked for its
/// state, 64 at a time, until all answered with E samples.
/// </summary>
public static class RecoveryBenchmark
{
    public const string Section = "recovery";

    public static async Task<List<Figure>> RunAsync(BenchmarkPlan plan)
    {
        using var journal = TestJournal.PostgreSql();
        var ids = Enumerable.Range(0, plan.RecoveryVideos).Select(i => Samples.VideoId('r', i)).ToList();
        var events = plan.RecoveryEventsPerVideo;

        // A first host creates the tables and lends its serializer; its one warm-up video is not counted.
        await using (var first = new AppFactory(journal, new RecordingAlertSink(), new ChannelVideoStatsSource(), BenchHost.Settings()))
        {
            var region = await BenchHost.VideoRegionAsync(first);
            await region.Ask<VideoCommands.SampleAccepted>(
                new VideoCommands.RecordSample(Samples.Sample("warmupVideo", 1, Samples.Start)), TimeSpan.FromSeconds(60));
            var written = Stopwatch.StartNew();
            await WriteJournalAsync(first.ActorSystem, journal.ConnectionString, ids, events);
            Console.WriteLine($"  wrote {ids.Count * events:N0} events by COPY in {written.Elapsed.TotalSeconds:F1} s");
        }

        var watch = Stopwatch.StartNew();
        await using var host = new AppFactory(journal, new RecordingAlertSink(), new ChannelVideoStatsSource(), BenchHost.Settings());
        var fresh = await BenchHost.VideoRegionAsync(host);
        await BenchHost.CountRecoveredAsync(fresh, ["warmupVideo"], 1, 1);
        var started = watch.Elapsed.TotalSeconds;
        var recovering = Stopwatch.StartNew();
        var recovered = await BenchHost.CountRecoveredAsync(fresh, ids, events, 64);
        var seconds = recovering.Elapsed.TotalSeconds;
        if (recovered != ids.Count)
            throw new InvalidOperationException($"only {recovered} of {ids.Count} videos recovered {events} events");
        Console.WriteLine($"  {ids.Count:N0} videos × {events} events recovered in {seconds:F1} s (host start {started:F1} s)");

        var scale = $"{BenchmarkPlan.Scaled(ids.Count, 10_000)} videos × {events} events, no snapshots";
        return
        [
            new Figure(Section, $"recovery.seconds.{ids.Count}", "all videos recovered and answering (after the host is up)", seconds, "s", scale),
            new Figure(Section, $"recovery.videos-per-second.{ids.Count}", "videos recovered per second", ids.Count / seconds, "videos/s", scale),
            new Figure(Section, $"recovery.events-per-second.{ids.Count}", "events replayed per second", ids.Count * (double)events / seconds, "events/s", scale),
            new Figure(Section, "recovery.host-start", "host start until it answers (not in the figures above)", started, "s", "a fresh host on that journal"),
        ];
    }

    private static async Task WriteJournalAsync(ActorSystem system, string connectionString, IReadOnlyList<string> ids, int events)
    {
        var probe = new VideoEvents.SampleRecorded(Samples.Sample(ids[0], 1, Samples.Start));
        var serializer = system.Serialization.FindSerializerFor(probe);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, probe);
        var writer = Guid.NewGuid().ToString();
        var created = DateTime.UtcNow.Ticks;

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var import = await connection.BeginBinaryImportAsync(
            "COPY journal (persistence_id, sequence_number, deleted, created, manifest, message, identifier, writer_uuid) FROM STDIN (FORMAT BINARY)");
        foreach (var id in ids)
        {
            for (var n = 1; n <= events; n++)
            {
                var evt = new VideoEvents.SampleRecorded(Samples.Sample(id, 1_000 + n * 10, Samples.Start.AddSeconds(n)));
                await import.StartRowAsync();
                await import.WriteAsync(VideoActor.PersistenceIdFor(id), NpgsqlDbType.Varchar);
                await import.WriteAsync((long)n, NpgsqlDbType.Bigint);
                await import.WriteAsync(false, NpgsqlDbType.Boolean);
                await import.WriteAsync(created, NpgsqlDbType.Bigint);
                await import.WriteAsync(manifest, NpgsqlDbType.Varchar);
                await import.WriteAsync(serializer.ToBinary(evt), NpgsqlDbType.Bytea);
                await import.WriteAsync(serializer.Identifier, NpgsqlDbType.Integer);
                await import.WriteAsync(writer, NpgsqlDbType.Varchar);
            }
        }
        await import.CompleteAsync();
    }
}
