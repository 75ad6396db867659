using Akka.Actor;
using Akka.Hosting;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Benchmarks.Support;

/// <summary>The real host (Program) in-process, as the tests start it, with the settings every benchmark shares.</summary>
public static class BenchHost
{
    /// <summary>Idle actors stay in memory for the whole run: a passivation mid-measurement would skew it.</summary>
    public static Dictionary<string, string?> Settings(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Videos:PassivateAfter"] = "01:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Akka"] = "Error",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            settings[key] = value;
        return settings;
    }

    public static async Task<IActorRef> VideoRegionAsync(AppFactory host) =>
        await host.Registry.GetAsync<VideoRegion>();

    /// <summary>Asks every video for its state, <paramref name="parallelism"/> at once; returns how many had <paramref name="samples"/> samples.</summary>
    public static async Task<int> CountRecoveredAsync(IActorRef region, IReadOnlyList<string> videoIds, long samples, int parallelism)
    {
        var recovered = 0;
        await Parallel.ForEachAsync(videoIds, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (id, _) =>
        {
            var reply = await region.Ask<VideoQueries.VideoStatsReply>(new VideoQueries.GetVideoStats(id), TimeSpan.FromSeconds(60));
            if (reply.State.SampleCount == samples)
                Interlocked.Increment(ref recovered);
        });
        return recovered;
    }
}
