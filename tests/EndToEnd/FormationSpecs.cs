using System.Diagnostics;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.EndToEnd.Tests;

/// <summary>
/// Three nodes of the shipped executable on loopback, one PostgreSQL journal, every node listing all three as seeds
/// in one order. The first seed (then another node) is killed with SIGKILL and restarted: it must rejoin the running cluster (one
/// leader, three members Up, every node agreeing on the member set), not form a second cluster on the same journal.
/// </summary>
[Collection(MultiNodeCollection.Name)]
public sealed class FormationSpecs : IDisposable
{
    private const int Videos = 30;
    private readonly LoopbackCluster _cluster = new(new Dictionary<string, string>
    {
        ["Cluster__DownUnreachableAfter"] = "00:00:03",
        ["Demo__VideoCount"] = Videos.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Demo__SampleInterval"] = "00:00:02",
        // The singletons' start lines ("Ingest started", "Alert projection started") are Akka Information entries.
        ["Logging__LogLevel__Akka"] = "Information",
    });
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => _cluster.Dispose();

    private static void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Should_rejoin_the_running_cluster_when_a_seed_is_killed_and_restarted(int victim)
    {
        var observer = victim == 0 ? 1 : 0;
        _cluster.StartAll();
        await Eventually.Holds(_cluster.OneClusterOfThree, TimeSpan.FromSeconds(90), Cancel);

        _cluster.Node(victim).KillHard();
        await Eventually.Holds(async () =>
            Assert.Equal(2, (await _cluster.Members(observer)).GetProperty("members").GetArrayLength()), TimeSpan.FromSeconds(60), Cancel);

        var restart = Stopwatch.StartNew();
        var restarted = _cluster.Start(victim);
        await Eventually.Holds(_cluster.OneClusterOfThree, TimeSpan.FromSeconds(90), Cancel);
        var rejoin = restart.Elapsed;
        Report($"node-{victim + 1} rejoined the running cluster {rejoin.TotalSeconds:0.0} s after its restart");

        // Samples keep persisting through the restarted node's shards; none fails on a duplicate key.
        var before = _cluster.Journal.SamplesPersisted();
        await Eventually.Holds(() => Assert.True(_cluster.Journal.SamplesPersisted() > before + Videos), TimeSpan.FromSeconds(60), Cancel);
        var duplicateKeys = _cluster.DuplicateKeyFailures();
        Report($"duplicate-key persist failures: {duplicateKeys}");
        Assert.Equal(0, duplicateKeys);
        Assert.False(restarted.HasExited);
        var duplicateSamples = _cluster.DuplicateSamples();
        Assert.Equal(0, duplicateSamples);

        // No singleton runs twice: of the three running processes, one has started the ingest and the notifier
        // (the oldest member), and the restarted node, now the youngest, has started neither.
        await Eventually.Holds(() => Assert.NotEmpty(_cluster.RunningNodesThatStarted(LoopbackCluster.StartsNotifier)),
            TimeSpan.FromSeconds(60), Cancel);
        var ingest = Assert.Single(_cluster.RunningNodesThatStarted(LoopbackCluster.StartsIngest));
        var notifier = Assert.Single(_cluster.RunningNodesThatStarted(LoopbackCluster.StartsNotifier));
        Assert.Equal(ingest, notifier);
        Assert.NotEqual(victim, ingest);
        Report($"singletons on node-{ingest + 1} only");
        var samples = _cluster.Journal.SamplesPersisted();
        ReliabilityFigures.Record("partial failures",
            $"node-{victim + 1} SIGKILLed and restarted: rejoined in {rejoin.TotalSeconds:0.0} s, second clusters 0, duplicate-key failures {duplicateKeys}; samples",
            samples, samples - duplicateSamples, 0, duplicateSamples);
    }
}
