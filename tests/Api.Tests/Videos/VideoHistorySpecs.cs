namespace YouTubeAnalytics.Api.Tests.Videos;

public sealed class VideoHistorySpecs : ApiSpec
{
    private const string Video = "hhhhhhhhhhh";

    [Fact]
    public async Task Should_serve_the_samples_from_the_journal_between_from_and_to()
    {
        await Ingest(Sample(Video, 0, 1_000), Sample(Video, 10, 1_200), Sample(Video, 20, 1_500));

        var (status, body, _) = await Get($"/videos/{Video}/history");
        Assert.Equal(200, status);
        Assert.Equal([1_000L, 1_200, 1_500], body.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("viewCount").GetInt64()));
        Assert.False(body.GetProperty("truncated").GetBoolean());

        var from = Uri.EscapeDataString(T0.AddMinutes(5).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"));
        var to = Uri.EscapeDataString(T0.AddMinutes(15).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"));
        var (_, window, _) = await Get($"/videos/{Video}/history?from={from}&to={to}");
        Assert.Equal([1_200L], window.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("viewCount").GetInt64()));
    }

    [Fact]
    public async Task Should_answer_csv_when_asked()
    {
        await Ingest(Sample(Video, 0, 1_000), Sample(Video, 10, 1_200));

        using var response = await Client.GetAsync($"/videos/{Video}/history?format=csv", Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = text.Trim().Split('\n');
        Assert.Equal("observedAt,viewCount,likeCount,commentCount", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.EndsWith(",1200,60,6", lines[2]);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/videos/{Video}/history");
        request.Headers.Accept.ParseAdd("text/csv");
        using var byAccept = await Client.SendAsync(request, Cancel);
        Assert.Equal("text/csv", byAccept.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Should_not_serve_samples_older_than_the_retention()
    {
        var old = Sample(Video, 0, 1_000) with { ObservedAt = DateTimeOffset.UtcNow.AddDays(-40) };
        await Ingest(old, Sample(Video, 10, 1_200));

        var (_, body, _) = await Get($"/videos/{Video}/history?from=2000-01-01");

        Assert.Equal([1_200L], body.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("viewCount").GetInt64()));
    }

    [Fact]
    public async Task Should_answer_404_for_a_video_never_observed()
    {
        var (status, _, contentType) = await Get("/videos/zzzzzzzzzzz/history");
        Assert.Equal(404, status);
        Assert.Equal("application/problem+json", contentType);
    }

    [Theory]
    [InlineData("short/history", "'id'")]
    [InlineData("hhhhhhhhhhh/history?from=yesterday", "'from'")]
    [InlineData("hhhhhhhhhhh/history?to=2026-13-45", "'to'")]
    [InlineData("hhhhhhhhhhh/history?from=2026-02-01&to=2026-01-01", "'to'")]
    [InlineData("hhhhhhhhhhh/history?format=xml", "'format'")]
    public async Task Should_answer_400_naming_what_is_wrong(string path, string parameter)
    {
        var (status, body, contentType) = await Get($"/videos/{path}");

        Assert.Equal(400, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains(parameter, body.GetProperty("detail").GetString());
    }
}
