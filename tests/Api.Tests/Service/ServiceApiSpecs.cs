using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Api.Tests.Service;

public sealed class ServiceApiSpecs : ApiSpec
{
    [Fact]
    public async Task Should_describe_the_node()
    {
        var (status, body, _) = await Get("/");

        Assert.Equal(200, status);
        Assert.Equal("YouTube Analytics", body.GetProperty("name").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", body.GetProperty("version").GetString());
        Assert.Equal("embedded", body.GetProperty("mode").GetString());
        Assert.Equal("test", body.GetProperty("source").GetString());
        Assert.Equal("recording", body.GetProperty("alertSink").GetString());
        Assert.Equal("Sqlite", body.GetProperty("persistence").GetString());
    }

    [Fact]
    public async Task Should_report_healthy_once_the_node_has_joined_and_the_journal_answers()
    {
        await Eventually.Holds(async () =>
        {
            var (status, body, _) = await Get("/health");
            Assert.Equal(200, status);
            Assert.Equal("Healthy", body.GetProperty("status").GetString());
            var checks = body.GetProperty("checks");
            Assert.Equal("Healthy", checks.GetProperty("journal").GetProperty("status").GetString());
            Assert.Equal("Healthy", checks.GetProperty("akka.cluster.join").GetProperty("status").GetString());
        }, cancellationToken: Cancel);
    }

    [Fact]
    public async Task Should_answer_404_as_problem_details_for_an_unknown_route()
    {
        var (status, _, contentType) = await Get("/no/such/thing");
        Assert.Equal(404, status);
        Assert.Equal("application/problem+json", contentType);
    }
}
