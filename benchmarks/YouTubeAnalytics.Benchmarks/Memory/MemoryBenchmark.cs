using System.Diagnostics;
using Akka.Actor;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Benchmarks.Support;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Benchmarks.Memory;

/// <summary>
/// Bytes per active video: the managed heap (after a full, compacting collection) before and after N VideoActors
/// each took one sample (persisted, PostgreSQL journal), divided by N. It counts everything one more watched video
/// costs in this process: the actor and its state, sharding's bookkeeping, and its row in the in-memory read side.
/// </summary>
public static class MemoryBenchmark
{
    public const string Section = "memory";

    private static readonly int[] IssueSizes = [10_000, 100_000];

    public static async Task<List<Figure>> RunAsync(BenchmarkPlan plan)
    {
        using var journal = TestJournal.PostgreSql();
        var source = new ChannelVideoStatsSource();
        // The Redis read side (as a cluster node runs) when scripts/bench.sh started one: the latest stats then live in
        // Redis, and the heap holds what the node itself needs per video. Without it, the in-memory read side is counted too.
        var redis = Environment.GetEnvironmentVariable("YTA_TEST_REDIS");
        var readSide = string.IsNullOrEmpty(redis) ? "in-memory read side" : "Redis read side";
        await using var host = new AppFactory(journal, new RecordingAlertSink(), source, BenchHost.Settings(
            string.IsNullOrEmpty(redis) ? null : new Dictionary<string, string?> { ["Redis:Configuration"] = redis, ["Redis:KeyPrefix"] = $"bench{Guid.NewGuid():N}:" }));
        _ = host.Services;
        var region = await BenchHost.VideoRegionAsync(host);
        await ActivateAsync(region, Enumerable.Range(0, 100).Select(i => Samples.VideoId('w', i)).ToList());

        var figures = new List<Figure>();
        var before = HeapAfterFullCollection();
        var active = 0;
        for (var n = 0; n < plan.MemoryVideos.Count; n++)
        {
            var size = plan.MemoryVideos[n];
            var watch = Stopwatch.StartNew();
            await ActivateAsync(region, Enumerable.Range(active, size - active).Select(i => Samples.VideoId('m', i)).ToList());
            var activation = watch.Elapsed.TotalSeconds;
            active = size;
            var perVideo = (HeapAfterFullCollection() - before) / (double)size;
            Console.WriteLine($"  {size:N0} active videos: {perVideo:N0} bytes each");
            var scale = $"{BenchmarkPlan.Scaled(size, IssueSizes[n])} videos, {readSide}";
            figures.Add(new Figure(Section, $"memory.bytes-per-video.{size}", "managed heap per active video", perVideo, "bytes", scale));
            figures.Add(new Figure(Section, $"memory.activation-rate.{size}", "first samples into new actors (asked 256 at a time)",
                (size - (n == 0 ? 0 : plan.MemoryVideos[n - 1])) / activation, "videos/s", scale));
        }
        // What one node holds in 2 GiB of heap at the largest size's cost per video (the heap grows linearly: the
        // per-video figure of both sizes is within a few percent).
        var largest = figures.Last(f => f.Key.StartsWith("memory.bytes-per-video.", StringComparison.Ordinal));
        figures.Add(new Figure(Section, "videos.per-node.2GiB", "active videos one node holds in 2 GiB of heap",
            2L * 1024 * 1024 * 1024 / largest.Value, "videos", $"2 GiB ÷ the bytes per video at {largest.Scale}"));
        return figures;
    }

    private static async Task ActivateAsync(IActorRef region, IReadOnlyList<string> ids) =>
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 256 }, async (id, _) =>
        {
            var reply = await region.Ask<object>(new VideoCommands.RecordSample(Samples.Sample(id, 1_000, Samples.Start)),
                TimeSpan.FromSeconds(120));
            if (reply is not VideoCommands.SampleAccepted)
                throw new InvalidOperationException($"{id}: {reply}");
        });

    private static long HeapAfterFullCollection()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
