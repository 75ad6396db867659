using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Api.Tests.ReadSide;

/// <summary>The real host with Redis:Configuration set: the actors write to Redis, /videos reads it back.</summary>
public sealed class RedisHostSpecs() : ApiSpec(new Dictionary<string, string?>
{
    ["Redis:Configuration"] = RedisTestServer.Configuration,
    ["Redis:KeyPrefix"] = RedisTestServer.UniquePrefix(),
})
{
    [Fact]
    public async Task Should_list_videos_from_redis_and_check_it_for_readiness()
    {
        await Ingest(Sample("aaaaaaaaaaa", 0, 5_000), Sample("bbbbbbbbbbb", 0, 7_000), Sample("bbbbbbbbbbb", 30, 9_000));

        await Eventually.Holds(async () =>
        {
            var (status, body, _) = await Get("/videos?sort=change1h");
            Assert.Equal(200, status);
            Assert.Equal(2, body.GetProperty("total").GetInt32());
            Assert.Equal("bbbbbbbbbbb", body.GetProperty("items")[0].GetProperty("videoId").GetString());
            Assert.Equal(2_000, body.GetProperty("items")[0].GetProperty("viewsChange1h").GetInt64());
        }, cancellationToken: Cancel);

        var (_, info, _) = await Get("/");
        Assert.Equal("redis", info.GetProperty("readSide").GetString());
        await Eventually.Holds(async () =>
        {
            var (_, health, _) = await Get("/health/ready");
            Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
        }, cancellationToken: Cancel);
    }
}
