using System.Text.Json;

namespace YouTubeAnalytics.Api.Tests.Videos;

public sealed class VideoListSpecs : ApiSpec
{
    private static string[] Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("videoId").GetString()!)];

    [Fact]
    public async Task Should_sort_by_the_gain_of_the_last_hour_and_filter_by_channel()
    {
        await Ingest(
            Sample("aaaaaaaaaaa", 0, 900_000, channelId: "UCone"), Sample("aaaaaaaaaaa", 50, 900_010, channelId: "UCone"),
            Sample("bbbbbbbbbbb", 0, 1_000, channelId: "UCtwo"), Sample("bbbbbbbbbbb", 50, 5_000, channelId: "UCtwo"));

        var (_, byViews, _) = await Get("/videos?sort=views");
        Assert.Equal(["aaaaaaaaaaa", "bbbbbbbbbbb"], Ids(byViews));

        var (status, byGain, _) = await Get("/videos?sort=change1h");
        Assert.Equal(200, status);
        Assert.Equal(["bbbbbbbbbbb", "aaaaaaaaaaa"], Ids(byGain));
        Assert.Equal(4_000, byGain.GetProperty("items")[0].GetProperty("viewsChange1h").GetInt64());

        var (_, byDay, _) = await Get("/videos?sort=change24h");
        Assert.Equal(["bbbbbbbbbbb", "aaaaaaaaaaa"], Ids(byDay));

        var (_, channel, _) = await Get("/videos?channel=UCone");
        Assert.Equal(["aaaaaaaaaaa"], Ids(channel));
        Assert.Equal(1, channel.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("channel=%3Cscript%3E")]
    [InlineData("channel=")]
    [InlineData("sort=change")]
    public async Task Should_answer_400_for_a_bad_filter_or_sort(string query)
    {
        var (status, body, _) = await Get($"/videos?{query}");
        Assert.Equal(400, status);
        Assert.StartsWith("'", body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/videos?page=4294969&pageSize=500")] // (page - 1) × pageSize wraps in 32 bits to a small offset
    [InlineData("/videos?page=2147483647&pageSize=2")]
    [InlineData("/alerts?page=201&pageSize=50")] // past the last page the 10,000 alerts kept could fill
    public async Task Should_answer_400_for_a_page_past_the_last_possible_one(string url)
    {
        await Ingest(Sample("aaaaaaaaaaa", 0, 1_000));

        var (status, body, _) = await Get(url);

        Assert.Equal(400, status);
        Assert.Contains("'page'", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Should_serve_an_empty_last_possible_page()
    {
        await Ingest(Sample("aaaaaaaaaaa", 0, 1_000));

        var (status, body, _) = await Get("/alerts?page=200&pageSize=50");

        Assert.Equal(200, status);
        Assert.Equal(0, body.GetProperty("items").GetArrayLength());
    }
}
