using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Api.Tests.Alerts;

public sealed class AlertsApiSpecs : ApiSpec
{
    [Fact]
    public async Task Should_list_the_alerts_newest_first_paged()
    {
        // +10% each time: the second and the third sample each raise one alert.
        await Ingest(Sample("aaaaaaaaaaa", 0, 10_000, title: "<script>x</script>"), Sample("aaaaaaaaaaa", 1, 11_000), Sample("aaaaaaaaaaa", 2, 12_200));

        await Eventually.Holds(async () =>
        {
            var (status, body, _) = await Get("/alerts?pageSize=1");
            Assert.Equal(200, status);
            Assert.Equal(2, body.GetProperty("total").GetInt32());
            var newest = body.GetProperty("items")[0];
            Assert.Equal(12_200, newest.GetProperty("viewCount").GetInt64());
            Assert.Equal("change:views:5%", newest.GetProperty("breaches")[0].GetProperty("rule").GetString());
        }, cancellationToken: Cancel);

        var (_, second, _) = await Get("/alerts?pageSize=1&page=2");
        Assert.Equal(11_000, second.GetProperty("items")[0].GetProperty("viewCount").GetInt64());
    }

    [Fact]
    public async Task Should_list_only_the_alerts_of_the_video_asked_for()
    {
        await Ingest(Sample("aaaaaaaaaaa", 0, 10_000), Sample("aaaaaaaaaaa", 1, 11_000),
            Sample("bbbbbbbbbbb", 0, 20_000), Sample("bbbbbbbbbbb", 1, 22_000), Sample("bbbbbbbbbbb", 2, 24_400));

        await Eventually.Holds(async () =>
        {
            var (_, all, _) = await Get("/alerts");
            Assert.Equal(3, all.GetProperty("total").GetInt32());
        }, cancellationToken: Cancel);

        var (status, body, _) = await Get("/alerts?video=bbbbbbbbbbb");
        Assert.Equal(200, status);
        Assert.Equal(2, body.GetProperty("total").GetInt32());
        Assert.All(body.GetProperty("items").EnumerateArray(), a => Assert.Equal("bbbbbbbbbbb", a.GetProperty("videoId").GetString()));
        var (_, none, _) = await Get("/alerts?video=ccccccccccc");
        Assert.Equal(0, none.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("video=not%20an%20id", "'video'")]
    [InlineData("page=0", "'page'")]
    [InlineData("pageSize=x", "'pageSize'")]
    [InlineData("pageSize=100000", "'pageSize'")]
    public async Task Should_answer_400_for_a_bad_page(string query, string parameter)
    {
        var (status, body, contentType) = await Get($"/alerts?{query}");
        Assert.Equal(400, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains(parameter, body.GetProperty("detail").GetString());
    }
}
