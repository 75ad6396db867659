using System.Net.Http.Json;
using System.Text.Json;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.EndToEnd.Tests;

/// <summary>
/// One quota per Google project: two nodes of the shipped executable on one PostgreSQL journal poll the fake YouTube
/// (loopback). The poller runs on one node only, the quota singleton owns the count, and both nodes' /pipeline/status
/// show the units YouTube counted, by bucket and purpose.
/// </summary>
[Collection(MultiNodeCollection.Name)]
public sealed class QuotaClusterSpecs : IAsyncLifetime
{
    private readonly TestJournal _journal = TestJournal.PostgreSql();
    private readonly List<HostProcess> _nodes = [];
    private readonly int[] _akkaPorts = [FreePort(), FreePort()];
    private readonly int[] _apiPorts = [FreePort(), FreePort()];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private FakeYouTubeServer _youtube = null!;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _youtube = await FakeYouTubeServer.StartAsync();
        _youtube.Videos["dQw4w9WgXcQ"] = new FakeVideo(1_712_345_678, null, 2_412_345, new DateTimeOffset(2009, 10, 25, 6, 57, 33, TimeSpan.Zero));
        _youtube.Videos["jNQXAC9IVRw"] = new FakeVideo(371_234_567, 17_000_000, 10_654_321, new DateTimeOffset(2005, 4, 24, 3, 31, 52, TimeSpan.Zero));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
            node.Dispose();
        _http.Dispose();
        await _youtube.DisposeAsync();
        _journal.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void StartNode(int i) => _nodes.Add(HostProcess.Start(new Dictionary<string, string>(_journal.Environment)
    {
        ["Cluster__Hostname"] = "127.0.0.1",
        ["Cluster__Port"] = _akkaPorts[i].ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Cluster__SeedNodes__0"] = $"akka.tcp://youtube-analytics@127.0.0.1:{_akkaPorts[0]}",
        ["Api__Urls"] = Api(i),
        ["YouTube__ApiKey"] = FakeYouTubeServer.ValidKey,
        ["YouTube__BaseUrl"] = _youtube.BaseUrl,
        // One round, then nothing due for an hour: the count stands still while both nodes are read.
        ["YouTube__PollInterval"] = "01:00:00",
        ["Watch__Videos__0"] = "dQw4w9WgXcQ",
        ["Watch__Videos__1"] = "jNQXAC9IVRw",
    }));

    private string Api(int i) => $"http://127.0.0.1:{_apiPorts[i]}";

    private async Task<JsonElement> Quota(int node) =>
        (await _http.GetFromJsonAsync<JsonElement>($"{Api(node)}/pipeline/status", Cancel)).GetProperty("quota");

    [Fact]
    public async Task Should_show_the_same_quota_on_every_node()
    {
        StartNode(0);
        StartNode(1);
        await Eventually.Holds(async () =>
        {
            var members = (await _http.GetFromJsonAsync<JsonElement>($"{Api(0)}/cluster/members", Cancel)).GetProperty("members").EnumerateArray();
            Assert.Equal(2, members.Count(m => m.GetProperty("status").GetString() == "Up"));
        }, TimeSpan.FromSeconds(90), Cancel);
        await Eventually.Holds(() => Assert.True(_youtube.Units("videos.list") >= 1), TimeSpan.FromSeconds(60), Cancel);

        await Eventually.Holds(async () =>
        {
            var spent = _youtube.TotalUnits;
            foreach (var node in new[] { 0, 1 })
            {
                var quota = await Quota(node);
                Assert.Equal(spent, quota.GetProperty("used").GetInt32());
                var dataApi = quota.GetProperty("buckets").EnumerateArray().Single(b => b.GetProperty("bucket").GetString() == "data-api");
                Assert.Equal(_youtube.Units("videos.list"), dataApi.GetProperty("usedByPurpose").GetProperty("video-refresh").GetInt32());
            }
        }, TimeSpan.FromSeconds(30), Cancel);
        ReliabilityFigures.Record("partial failures",
            "quota of one Google project, two nodes on one PostgreSQL journal: nodes whose /pipeline/status shows the units YouTube counted", 2, 2, 0, 0);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"FIGURE quota seen from two nodes: {(await Quota(0)).GetProperty("used")} and {(await Quota(1)).GetProperty("used")} units; YouTube counted {_youtube.TotalUnits}");
    }
}
