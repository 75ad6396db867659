using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Api.Tests.Service;

public sealed class DocsAndHealthSpecs : ApiSpec
{
    [Fact]
    public async Task Should_describe_every_endpoint_in_the_openapi_document()
    {
        var (status, body, _) = await Get("/openapi/v1.json");

        Assert.Equal(200, status);
        var paths = body.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var path in new[] { "/", "/videos", "/videos/{id}/stats", "/videos/{id}/history", "/alerts", "/pipeline/status",
                     "/watchlist", "/watchlist/{id}", "/cluster/members", "/cluster/shards", "/events" })
            Assert.Contains(path, paths);
    }

    [Fact]
    public async Task Should_serve_the_dashboard_without_any_outside_resource()
    {
        foreach (var page in new[] { "/dashboard" }) // /docs: Reference/ApiReferenceSpecs
        {
            using var response = await Client.GetAsync(page, Cancel);
            var html = await response.Content.ReadAsStringAsync(Cancel);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", ""));
            Assert.DoesNotContain("https://", html.Replace("https://www.youtube.com/watch", ""));
        }
        using var script = await Client.GetAsync("/dashboard/dashboard.js", Cancel);
        var js = await script.Content.ReadAsStringAsync(Cancel);
        Assert.DoesNotContain("innerHTML", js); // YouTube strings go in as text only
        var (missing, _, _) = await Get("/dashboard/nothing.js");
        Assert.Equal(404, missing);
    }

    [Fact]
    public async Task Should_answer_liveness_and_readiness_separately()
    {
        await Eventually.Holds(async () =>
        {
            var (status, body, _) = await Get("/health/ready");
            Assert.Equal(200, status);
            var checks = body.GetProperty("checks");
            Assert.Equal("Healthy", checks.GetProperty("journal").GetProperty("status").GetString());
            Assert.False(checks.TryGetProperty("redis", out _)); // not configured: not checked
        }, cancellationToken: Cancel);

        var (liveStatus, live, _) = await Get("/health/live");
        Assert.Equal(200, liveStatus);
        Assert.False(live.GetProperty("checks").TryGetProperty("journal", out _));
        Assert.Equal("Healthy", live.GetProperty("checks").GetProperty("akka.actorsystem").GetProperty("status").GetString());
    }
}
