namespace YouTubeAnalytics.Api.Tests.Videos;

public sealed class VideosApiSpecs : ApiSpec
{
    private const string Big = "bbbbbbbbbbb";
    private const string Small = "sssssssssss";
    private const string Middle = "mmmmmmmmmmm";

    [Fact]
    public async Task Should_read_a_videos_stats_from_its_actor()
    {
        await Ingest(Sample(Big, 0, 100_000, title: "Big <one>"), Sample(Big, 1, 106_000, title: "Big <one>"));

        var (status, body, _) = await Get($"/videos/{Big}/stats");

        Assert.Equal(200, status);
        Assert.Equal(Big, body.GetProperty("videoId").GetString());
        Assert.Equal("Big <one>", body.GetProperty("title").GetString());
        Assert.Equal(106_000, body.GetProperty("viewCount").GetInt64());
        Assert.Equal(2, body.GetProperty("sampleCount").GetInt64());
        Assert.Equal(1, body.GetProperty("alertCount").GetInt64());
        Assert.Equal(106_000, body.GetProperty("baselines").GetProperty("views").GetProperty("value").GetInt64());
    }

    [Fact]
    public async Task Should_forecast_the_next_milestone_from_the_last_days_rate()
    {
        // 6,000 views an hour over two hours: 888,000 to go to 1,000,000 is 148 hours.
        await Ingest(Sample(Big, -120, 100_000), Sample(Big, -60, 106_000), Sample(Big, 0, 112_000), Sample(Small, 0, 1_500));

        var (_, body, _) = await Get($"/videos/{Big}/stats");
        var next = body.GetProperty("nextMilestone");
        Assert.Equal(1_000_000, next.GetProperty("milestone").GetInt64());
        Assert.Equal(6_000, next.GetProperty("viewsPerHour").GetDouble());
        Assert.Equal(T0.AddHours(148), next.GetProperty("expectedAt").GetDateTimeOffset());
        Assert.Equal("1,000,000 views in ~6 days", next.GetProperty("text").GetString());

        var (_, small, _) = await Get($"/videos/{Small}/stats");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, small.GetProperty("nextMilestone").ValueKind); // one sample: no rate
    }

    [Fact]
    public async Task Should_list_videos_by_views_paged()
    {
        await Ingest(Sample(Small, 0, 1_000), Sample(Big, 0, 900_000), Sample(Middle, 0, 50_000));

        var (status, body, _) = await Get("/videos?pageSize=2");
        Assert.Equal(200, status);
        Assert.Equal(3, body.GetProperty("total").GetInt32());
        Assert.Equal([Big, Middle], body.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("videoId").GetString()));

        var (_, second, _) = await Get("/videos?pageSize=2&page=2");
        Assert.Equal([Small], second.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("videoId").GetString()));
    }

    [Fact]
    public async Task Should_answer_404_for_a_video_never_observed()
    {
        var (status, body, contentType) = await Get("/videos/zzzzzzzzzzz/stats");

        Assert.Equal(404, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains("zzzzzzzzzzz", body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("short", "11 characters")]
    [InlineData("waytoolongvideoid", "11 characters")]
    [InlineData("abc%3Cdef%3Eghi", "only the characters")]
    [InlineData("..%2F..%2Fetc", "11 characters")]
    [InlineData("abc.def.ghi", "only the characters")]
    public async Task Should_answer_400_with_a_reason_for_a_malformed_id(string id, string reason)
    {
        var (status, body, contentType) = await Get($"/videos/{id}/stats");

        Assert.Equal(400, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains(reason, body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("pageSize=abc", "pageSize")]
    [InlineData("page=-1", "page")]
    [InlineData("page=99999999999999999999", "page")]
    [InlineData("sort=likes", "sort")]
    [InlineData("sort=1", "sort")]
    public async Task Should_answer_400_for_a_bad_query(string query, string parameter)
    {
        var (status, body, _) = await Get($"/videos?{query}");

        Assert.Equal(400, status);
        Assert.Contains($"'{parameter}'", body.GetProperty("detail").GetString());
    }
}
