using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Streams.Demo;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.EndToEnd.Tests;

/// <summary>
/// Three nodes of the shipped executable on loopback share one PostgreSQL journal and 1,000 demo videos. One is
/// killed with SIGKILL mid-stream: its videos answer again from the survivors within a measured bound, no sample
/// is persisted twice and no alert is delivered twice. A fourth node joins and takes a share of the shards.
/// </summary>
[Collection(MultiNodeCollection.Name)]
public sealed class ClusterSpecs : IDisposable
{
    private const int Videos = 1_000;
    private readonly TestJournal _journal = TestJournal.PostgreSql();
    private readonly List<HostProcess> _nodes = [];
    private readonly int[] _akkaPorts = Enumerable.Range(0, 4).Select(_ => FreePort()).ToArray();
    private readonly int[] _apiPorts = Enumerable.Range(0, 4).Select(_ => FreePort()).ToArray();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        foreach (var node in _nodes)
            node.Dispose();
        _http.Dispose();
        _journal.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private HostProcess StartNode(int i)
    {
        var node = HostProcess.Start(new Dictionary<string, string>(_journal.Environment)
        {
            ["Cluster__Hostname"] = "127.0.0.1",
            ["Cluster__Port"] = _akkaPorts[i].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster__SeedNodes__0"] = $"akka.tcp://youtube-analytics@127.0.0.1:{_akkaPorts[0]}",
            ["Cluster__DownUnreachableAfter"] = "00:00:03",
            ["Api__Urls"] = Api(i),
            ["Demo__VideoCount"] = Videos.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Demo__SampleInterval"] = "00:00:05",
        });
        _nodes.Add(node);
        return node;
    }

    private string Api(int i) => $"http://127.0.0.1:{_apiPorts[i]}";

    private async Task<JsonElement> GetJson(int node, string path) =>
        await _http.GetFromJsonAsync<JsonElement>($"{Api(node)}{path}", Cancel);

    private void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    [Fact]
    public async Task Should_spread_videos_fail_over_a_killed_node_and_rebalance_onto_a_new_one()
    {
        StartNode(0);
        await Eventually.Holds(async () => Assert.Equal("Healthy", (await GetJson(0, "/health")).GetProperty("status").GetString()),
            TimeSpan.FromSeconds(60), Cancel);
        StartNode(1);
        StartNode(2);
        await Eventually.Holds(async () =>
        {
            var members = (await GetJson(0, "/cluster/members")).GetProperty("members").EnumerateArray().ToList();
            Assert.Equal(3, members.Count(m => m.GetProperty("status").GetString() == "Up"));
        }, TimeSpan.FromSeconds(60), Cancel);

        // Every demo video is sampled every 5 s, so all 1,000 get an entity. The first node may host most shards
        // until the others join; least-shard allocation then rebalances them (a few shards per 10 s round).
        JsonElement shards = default;
        var spread = new Dictionary<string, int>();
        var forming = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.Holds(async () =>
        {
            shards = await GetJson(0, "/cluster/shards");
            // At least one entity per demo video; a few more while a fresh upload replaces an idle one.
            var entities = shards.GetProperty("entities").GetInt32();
            Assert.InRange(entities, Videos, Videos + Videos / 20);
            Assert.Equal(3, shards.GetProperty("regions").GetArrayLength());
            spread = shards.GetProperty("regions").EnumerateArray()
                .ToDictionary(r => r.GetProperty("address").GetString()!, r => r.GetProperty("entities").GetInt32());
            Assert.All(spread.Values, count => Assert.InRange(count, entities / 10, entities * 8 / 10));
        }, TimeSpan.FromSeconds(180), Cancel);
        Report($"spread of {Videos} videos over 3 nodes: {string.Join(", ", spread.Values.Order())} " +
               $"({forming.Elapsed.TotalSeconds:0} s after the three nodes were up)");

        // Kill the youngest node hard; find the videos it hosted from the shard map.
        var victim = $"127.0.0.1:{_akkaPorts[2]}";
        var victimShards = shards.GetProperty("regions").EnumerateArray()
            .Single(r => r.GetProperty("address").GetString()!.EndsWith(victim, StringComparison.Ordinal))
            .GetProperty("shards").EnumerateArray().Select(s => s.GetProperty("shardId").GetString()).ToHashSet();
        var extractor = new VideoMessageExtractor();
        var orphans = new DemoCatalog(Videos).VideosAt(DateTimeOffset.UtcNow).Select(v => v.VideoId)
            .Where(id => victimShards.Contains(extractor.ShardId(id, null)))
            .Take(25).ToList();
        Assert.NotEmpty(orphans);
        _nodes[2].KillHard();
        var killedAt = Stopwatch.StartNew();

        await Eventually.Holds(async () =>
        {
            foreach (var id in orphans)
            {
                using var response = await _http.GetAsync($"{Api(0)}/videos/{id}/stats", Cancel);
                Assert.Equal(200, (int)response.StatusCode);
            }
        }, TimeSpan.FromSeconds(90), Cancel);
        Report($"videos of the killed node answered again from the survivors after {killedAt.Elapsed.TotalSeconds:0.0} s");
        Assert.True(killedAt.Elapsed < TimeSpan.FromSeconds(60), $"failover took {killedAt.Elapsed}");

        // A fourth node joins and is given shards.
        StartNode(3);
        var joinedAt = Stopwatch.StartNew();
        await Eventually.Holds(async () =>
        {
            var regions = (await GetJson(0, "/cluster/shards")).GetProperty("regions").EnumerateArray();
            var fourth = regions.Single(r => r.GetProperty("address").GetString()!.EndsWith($"127.0.0.1:{_akkaPorts[3]}", StringComparison.Ordinal));
            Assert.True(fourth.GetProperty("shards").GetArrayLength() > 0);
        }, TimeSpan.FromSeconds(120), Cancel);
        Report($"the fourth node hosted shards {joinedAt.Elapsed.TotalSeconds:0.0} s after it started");

        // Oracles: no sample persisted twice, no alert delivered twice.
        var duplicateSamples = _journal.Scalar("""
            select count(*) from (
              select persistence_id, convert_from(message, 'UTF8')::json->'sample'->>'observedAt' as observed
              from journal where manifest = 'video.sample-recorded.v1'
              group by 1, 2 having count(*) > 1) d
            """);
        Assert.Equal(0, duplicateSamples);
        var delivered = _nodes.SelectMany(n => n.LoggedAlertIds).ToList();
        Assert.Equal(delivered.Count, delivered.Distinct().Count());
        Report($"samples persisted: {_journal.SamplesPersisted()}, alerts delivered: {delivered.Count}, duplicates: 0");
    }
}
