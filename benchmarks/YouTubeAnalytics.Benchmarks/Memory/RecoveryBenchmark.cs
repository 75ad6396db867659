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
/// take most of the run), and with them the snapshots the live actors would have saved at the shipped interval
/// (<see cref="VideoActorSettings.Default"/>'s SnapshotEvery: the state after event 100, 200, …, computed by the pure
/// <see cref="VideoState"/>). Then a fresh host starts on that journal and every video is asked for its state, 64 at
/// a time, until all answered with E samples. The same is measured without snapshots (every event replayed).
/// </summary>
public static class RecoveryBenchmark
{
    public const string Section = "recovery";

    public static async Task<List<Figure>> RunAsync(BenchmarkPlan plan)
    {
        var figures = await RunAsync(plan, VideoActorSettings.Default.SnapshotEvery);
        figures.AddRange(await RunAsync(plan, snapshotEvery: 0));
        return figures;
    }

    private static async Task<List<Figure>> RunAsync(BenchmarkPlan plan, int snapshotEvery)
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
            await WriteJournalAsync(first.ActorSystem, journal.ConnectionString, ids, events, snapshotEvery);
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

        var snapshots = snapshotEvery > 0 ? $"a snapshot every {snapshotEvery} events (the shipped interval)" : "no snapshots";
        var scale = $"{BenchmarkPlan.Scaled(ids.Count, 10_000)} videos × {events} events, {snapshots}";
        var key = snapshotEvery > 0 ? $"{ids.Count}" : $"no-snapshots.{ids.Count}";
        List<Figure> figures =
        [
            new Figure(Section, $"recovery.seconds.{key}", "all videos recovered and answering (after the host is up)", seconds, "s", scale),
            new Figure(Section, $"recovery.videos-per-second.{key}", "videos recovered per second", ids.Count / seconds, "videos/s", scale),
        ];
        if (snapshotEvery == 0)
        {
            figures.Add(new Figure(Section, $"recovery.events-per-second.{ids.Count}", "events replayed per second", ids.Count * (double)events / seconds, "events/s", scale));
            figures.Add(new Figure(Section, "recovery.host-start", "host start until it answers (not in the figures above)", started, "s", "a fresh host on that journal"));
        }
        return figures;
    }

    private static async Task WriteJournalAsync(ActorSystem system, string connectionString, IReadOnlyList<string> ids, int events, int snapshotEvery)
    {
        if (snapshotEvery > 0)
            await WriteSnapshotsAsync(system, connectionString, ids, events, snapshotEvery);
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
                var evt = Event(id, n);
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

    private static VideoEvents.SampleRecorded Event(string id, int n) =>
        new(Samples.Sample(id, 1_000 + n * 10, Samples.Start.AddSeconds(n)));

    /// <summary>The snapshots a live VideoActor saves every <paramref name="snapshotEvery"/> events (only the newest is kept).</summary>
    private static async Task WriteSnapshotsAsync(ActorSystem system, string connectionString, IReadOnlyList<string> ids, int events, int snapshotEvery)
    {
        var at = events / snapshotEvery * snapshotEvery;
        if (at == 0)
            return;
        var probe = VideoState.Empty(ids[0]);
        var serializer = system.Serialization.FindSerializerFor(probe);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, probe);
        var created = DateTime.UtcNow.Ticks;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var import = await connection.BeginBinaryImportAsync(
            "COPY snapshot (persistence_id, sequence_number, created, snapshot, manifest, serializer_id) FROM STDIN (FORMAT BINARY)");
        foreach (var id in ids)
        {
            var state = VideoState.Empty(id);
            for (var n = 1; n <= at; n++)
                state = state.Apply(Event(id, n), n);
            await import.StartRowAsync();
            await import.WriteAsync(VideoActor.PersistenceIdFor(id), NpgsqlDbType.Varchar);
            await import.WriteAsync((long)at, NpgsqlDbType.Bigint);
            await import.WriteAsync(created, NpgsqlDbType.Bigint);
            await import.WriteAsync(serializer.ToBinary(state), NpgsqlDbType.Bytea);
            await import.WriteAsync(manifest, NpgsqlDbType.Varchar);
            await import.WriteAsync(serializer.Identifier, NpgsqlDbType.Integer);
        }
        await import.CompleteAsync();
    }
}
