using System.Net.Http.Json;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Api.Tests.Cluster;

public sealed class ClusterApiSpecs() : ApiSpec(new Dictionary<string, string?> { ["Api:AdminKey"] = AdminKey })
{
    private const string AdminKey = "test-admin-key-0123456789";

    [Fact]
    public async Task Should_list_this_node_as_the_up_leader()
    {
        await Eventually.Holds(async () =>
        {
            var (status, body, _) = await Get("/cluster/members");
            Assert.Equal(200, status);
            var member = Assert.Single(body.GetProperty("members").EnumerateArray());
            Assert.Equal("Up", member.GetProperty("status").GetString());
            Assert.True(member.GetProperty("isLeader").GetBoolean());
            Assert.True(member.GetProperty("isSelf").GetBoolean());
            Assert.Equal(body.GetProperty("self").GetString(), member.GetProperty("address").GetString());
            Assert.StartsWith("akka.tcp://youtube-analytics@", body.GetProperty("leader").GetString());
        }, cancellationToken: Cancel);
    }

    [Fact]
    public async Task Should_show_the_resolver_it_runs_and_no_decision_before_a_downing()
    {
        var (status, body, _) = await Get("/cluster/members");

        Assert.Equal(200, status);
        var resolver = body.GetProperty("resolver");
        Assert.Equal("keep-majority", resolver.GetProperty("strategy").GetString());
        // Cluster:DownUnreachableAfter's default sets both: the bound on a singleton running twice.
        Assert.Equal("00:00:20", resolver.GetProperty("stableAfter").GetString());
        Assert.Equal("00:00:20", resolver.GetProperty("downRemovalMargin").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, resolver.GetProperty("lastDecision").ValueKind);
        Assert.All(body.GetProperty("members").EnumerateArray(), m => Assert.Empty(m.GetProperty("unreachableFrom").EnumerateArray()));
    }

    [Fact]
    public async Task Should_count_shards_and_entities_per_node()
    {
        await Ingest(Sample("aaaaaaaaaaa", 0, 10), Sample("bbbbbbbbbbb", 0, 20), Sample("ccccccccccc", 0, 30));

        var (status, body, _) = await Get("/cluster/shards");

        Assert.Equal(200, status);
        Assert.Equal(3, body.GetProperty("entities").GetInt32());
        var region = Assert.Single(body.GetProperty("regions").EnumerateArray());
        Assert.Equal(3, region.GetProperty("entities").GetInt32());
        Assert.Equal(body.GetProperty("shards").GetInt32(), region.GetProperty("shards").GetArrayLength());
    }

    [Theory]
    [InlineData(null, 401)]
    [InlineData("wrong-key-wrong-key-wrong", 401)]
    public async Task Should_refuse_leave_without_the_admin_key(string? key, int expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cluster/leave")
        {
            Content = JsonContent.Create(new { address = "akka.tcp://youtube-analytics@localhost:1" }),
        };
        if (key is not null)
            request.Headers.Add("X-Api-Key", key);

        using var response = await Client.SendAsync(request, Cancel);

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.DoesNotContain(AdminKey, await response.Content.ReadAsStringAsync(Cancel));
    }

    [Theory]
    [InlineData("""{"address":"not an address"}""", 400)]
    [InlineData("""{}""", 400)]
    [InlineData("""{"address":"akka.tcp://youtube-analytics@otherhost:4053"}""", 404)]
    public async Task Should_check_the_address_to_leave(string body, int expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cluster/leave")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", AdminKey);

        using var response = await Client.SendAsync(request, Cancel);

        Assert.Equal(expected, (int)response.StatusCode);
    }
}

public sealed class ClusterApiWithoutAdminKeySpecs : ApiSpec
{
    [Fact]
    public async Task Should_refuse_every_change_when_no_admin_key_is_configured()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cluster/leave")
        {
            Content = JsonContent.Create(new { address = "akka.tcp://youtube-analytics@localhost:1" }),
        };
        request.Headers.Add("X-Api-Key", "anything-at-all-anything");

        using var response = await Client.SendAsync(request, Cancel);

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Contains("Api:AdminKey", await response.Content.ReadAsStringAsync(Cancel));
    }
}
