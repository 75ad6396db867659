using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.EndToEnd.Tests;

/// <summary>
/// Three nodes of the shipped executable on loopback, one PostgreSQL journal, every node listing all three as seeds
/// in one order. The first seed (then another node) is killed with SIGKILL and restarted: it must rejoin the running cluster (one
/// leader, three members Up, every node agreeing on the member set), not form a second cluster on the same journal.
/// </summary>
public sealed class FormationSpecs : IDisposable
{
    private const int Videos = 30;
    private readonly TestJournal _journal = TestJournal.PostgreSql();
    private readonly List<HostProcess> _nodes = [];
    private readonly int[] _akkaPorts = Enumerable.Range(0, 3).Select(_ => HostProcess.FreePort()).ToArray();
    private readonly int[] _apiPorts = Enumerable.Range(0, 3).Select(_ => HostProcess.FreePort()).ToArray();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        foreach (var node in _nodes)
            node.Dispose();
        _http.Dispose();
        _journal.Dispose();
    }

    private string Seed(int i) => $"akka.tcp://youtube-analytics@127.0.0.1:{_akkaPorts[i]}";

    private string Api(int i) => $"http://127.0.0.1:{_apiPorts[i]}";

    private HostProcess StartNode(int i)
    {
        var node = HostProcess.Start(new Dictionary<string, string>(_journal.Environment)
        {
            ["Cluster__Hostname"] = "127.0.0.1",
            ["Cluster__Port"] = _akkaPorts[i].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster__SeedNodes__0"] = Seed(0),
            ["Cluster__SeedNodes__1"] = Seed(1),
            ["Cluster__SeedNodes__2"] = Seed(2),
            ["Cluster__DownUnreachableAfter"] = "00:00:03",
            ["Api__Urls"] = Api(i),
            ["Demo__VideoCount"] = Videos.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Demo__SampleInterval"] = "00:00:02",
        });
        _nodes.Add(node);
        return node;
    }

    private void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    /// <summary>Every node sees the same three members Up, all reachable, and the same single leader.</summary>
    private async Task OneClusterOfThree()
    {
        var views = new List<(string Leader, string Members)>();
        for (var i = 0; i < 3; i++)
        {
            var json = await _http.GetFromJsonAsync<JsonElement>($"{Api(i)}/cluster/members", Cancel);
            var members = json.GetProperty("members").EnumerateArray().ToList();
            Assert.Equal(3, members.Count);
            Assert.All(members, m => Assert.Equal("Up", m.GetProperty("status").GetString()));
            Assert.All(members, m => Assert.True(m.GetProperty("reachable").GetBoolean()));
            var leader = json.GetProperty("leader").GetString();
            Assert.False(string.IsNullOrEmpty(leader));
            views.Add((leader!, string.Join(",", members.Select(m => m.GetProperty("address").GetString()).Order(StringComparer.Ordinal))));
        }
        Assert.Single(views.Distinct());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Should_rejoin_the_running_cluster_when_a_seed_is_killed_and_restarted(int victim)
    {
        var observer = victim == 0 ? 1 : 0;
        StartNode(0);
        StartNode(1);
        StartNode(2);
        await Eventually.Holds(OneClusterOfThree, TimeSpan.FromSeconds(90), Cancel);

        _nodes[victim].KillHard();
        await Eventually.Holds(async () =>
        {
            var json = await _http.GetFromJsonAsync<JsonElement>($"{Api(observer)}/cluster/members", Cancel);
            Assert.Equal(2, json.GetProperty("members").GetArrayLength());
        }, TimeSpan.FromSeconds(60), Cancel);

        var restart = Stopwatch.StartNew();
        var restarted = StartNode(victim);
        await Eventually.Holds(OneClusterOfThree, TimeSpan.FromSeconds(90), Cancel);
        var rejoin = restart.Elapsed;
        Report($"node-{victim + 1} rejoined the running cluster {rejoin.TotalSeconds:0.0} s after its restart");

        // Samples keep persisting through the restarted node's shards; none fails on a duplicate key.
        var before = _journal.SamplesPersisted();
        await Eventually.Holds(() => Assert.True(_journal.SamplesPersisted() > before + Videos), TimeSpan.FromSeconds(60), Cancel);
        var duplicateKeys = _nodes.SelectMany(n => n.Lines)
            .Count(l => l.Contains("duplicate key", StringComparison.OrdinalIgnoreCase) || l.Contains("journal_uq", StringComparison.Ordinal));
        Report($"duplicate-key persist failures: {duplicateKeys}");
        Assert.Equal(0, duplicateKeys);
        Assert.False(restarted.HasExited);
        var duplicateSamples = _journal.Scalar("""
            select count(*) from (
              select persistence_id, convert_from(message, 'UTF8')::json->'sample'->>'observedAt' as observed
              from journal where manifest = 'video.sample-recorded.v1'
              group by 1, 2 having count(*) > 1) d
            """);
        Assert.Equal(0, duplicateSamples);
        var samples = _journal.SamplesPersisted();
        ReliabilityFigures.Record("partial failures",
            $"node-{victim + 1} SIGKILLed and restarted: rejoined in {rejoin.TotalSeconds:0.0} s, second clusters 0, duplicate-key failures {duplicateKeys}; samples",
            samples, samples - duplicateSamples, 0, duplicateSamples);
    }
}
