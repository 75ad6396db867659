using System.Net.Http.Json;
using System.Text.Json;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Kafka.Tests.Support;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Kafka.Tests;

/// <summary>
/// Two nodes in one cluster: an `ingest` node polls into the raw topic and hosts no videos, a `process` node consumes
/// the topic and hosts them. A sample goes through Kafka to the process node, and the ingest node's API answers for
/// the video through its shard region proxy.
/// </summary>
public sealed class RolesSpecs : IDisposable
{
    private readonly MockKafkaCluster _kafka = new();
    private readonly TestJournal _journal = TestJournal.Sqlite();

    public void Dispose()
    {
        _journal.Dispose();
        _kafka.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Should_poll_on_ingest_nodes_and_host_videos_on_process_nodes()
    {
        var ct = TestContext.Current.CancellationToken;
        var (ingestPort, processPort) = (FreePort(), FreePort());
        var seed = $"akka.tcp://youtube-analytics@127.0.0.1:{ingestPort}";
        (string, string)[] Node(int port, string role) =>
            [("Cluster:Hostname", "127.0.0.1"), ("Cluster:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
             ("Cluster:SeedNodes:0", seed), ("Cluster:Roles:0", role)];

        var source = new ChannelVideoStatsSource();
        await using var ingest = new AppFactory(_journal, new RecordingAlertSink(), source, _kafka.HostSettings(Node(ingestPort, "ingest")));
        using var ingestApi = ingest.CreateClient();
        await using var process = new AppFactory(_journal, new RecordingAlertSink(), new ChannelVideoStatsSource(),
            _kafka.HostSettings(Node(processPort, "process")));
        using var processApi = process.CreateClient();

        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        source.Write(new VideoStatsObserved("r0lesr0les0", "UCx", "Roles", "Ch", at.AddDays(-1), 4_242, null, null, at, SampleSources.YouTube));

        await Eventually.Holds(async () =>
        {
            using var response = await ingestApi.GetAsync("/videos/r0lesr0les0/stats", ct);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal(4_242, (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("viewCount").GetInt64());
        }, TimeSpan.FromSeconds(90), ct);

        var shards = await processApi.GetFromJsonAsync<JsonElement>("/cluster/shards", ct);
        var region = Assert.Single(shards.GetProperty("regions").EnumerateArray());
        Assert.EndsWith($"127.0.0.1:{processPort}", region.GetProperty("address").GetString());
    }
}
