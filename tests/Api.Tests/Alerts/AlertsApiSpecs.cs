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

    [Theory]
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
