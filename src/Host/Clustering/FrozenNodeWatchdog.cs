using System.Diagnostics;
using Microsoft.Extensions.Options;
using YouTubeAnalytics.Host.Configuration;

namespace YouTubeAnalytics.Host.Clustering;

/// <summary>
/// The rule: a node whose own clock says it was frozen (SIGSTOP, a paused VM, a stalled host) for longer than
/// stable-after + down-removal-margin (and at least 30 s) has been downed by the majority, which runs its shards and singletons by then.
/// </summary>
public static class FrozenNode
{
    /// <summary>Never less than this: a thread starved on a loaded machine (6.3 s seen in the test suite, with 3 s
    /// resolver timings) must not kill a healthy node.</summary>
    public static readonly TimeSpan Floor = TimeSpan.FromSeconds(30);

    /// <summary>Both resolver timings are Cluster:DownUnreachableAfter: past twice that, the others have taken over.</summary>
    public static TimeSpan Bound(TimeSpan downUnreachableAfter) =>
        downUnreachableAfter * 2 > Floor ? downUnreachableAfter * 2 : Floor;

    /// <summary>True when a sleep of <paramref name="expected"/> took longer than that plus <paramref name="bound"/>.</summary>
    public static bool WasFrozen(TimeSpan expected, TimeSpan slept, TimeSpan bound) => slept - expected > bound;
}

/// <summary>
/// Woken after such a freeze, a node's singletons (notifier, ingest, watchlist) and entities would run a second time
/// until its own resolver downs it, about stable-after later: the partition spec saw an alert delivered twice and ten
/// journal writes refused on the unique key in those seconds. So a thread of its own (not the actor system's
/// scheduler, which resumes in the same instant as the actors) measures its sleeps on the monotonic clock and, on
/// waking past <see cref="FrozenNode.Bound"/>, kills the process at once, before any of it runs further: what a
/// SIGKILL leaves is what the fault suite proves safe. The restart policy (compose's `restart: unless-stopped`) brings
/// it back, and it rejoins. Only in a cluster (Cluster:SeedNodes): a single node has no one to hand over to.
/// </summary>
public sealed class FrozenNodeWatchdog(IOptions<ClusterNodeOptions> options) : IHostedService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private volatile bool _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SeedNodes.Length == 0)
            return Task.CompletedTask;
        var bound = FrozenNode.Bound(options.Value.DownUnreachableAfter);
        new Thread(() => Watch(bound)) { IsBackground = true, Name = "frozen-node-watchdog" }.Start();
        return Task.CompletedTask;
    }

    private void Watch(TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        while (!_stopping)
        {
            var before = clock.Elapsed;
            Thread.Sleep(Tick);
            var slept = clock.Elapsed - before;
            if (!FrozenNode.WasFrozen(Tick, slept, bound) || _stopping)
                continue;
            // Straight to stderr, unbuffered: the console logger's queue might not be written before the kill.
            Console.Error.WriteLine(
                $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss.fff}Z FAIL FrozenNodeWatchdog: this node was frozen for " +
                $"{slept.TotalSeconds:0.0} s, longer than stable-after + down-removal-margin ({bound.TotalSeconds:0} s): the " +
                "majority has downed it and runs its singletons; stopping at once (the restart policy brings it back to rejoin)");
            Console.Error.Flush();
            Process.GetCurrentProcess().Kill();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        return Task.CompletedTask;
    }
}
