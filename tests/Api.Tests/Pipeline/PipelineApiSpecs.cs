using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Api.Tests.Pipeline;

public sealed class PipelineApiSpecs : ApiSpec
{
    [Fact]
    public async Task Should_say_which_stages_run_and_what_they_counted()
    {
        await Ingest(Sample("aaaaaaaaaaa", 0, 10_000), Sample("aaaaaaaaaaa", 1, 11_000));

        await Eventually.Holds(async () =>
        {
            var (status, body, _) = await Get("/pipeline/status");
            Assert.Equal(200, status);
            Assert.Equal("embedded", body.GetProperty("mode").GetString());
            var stages = body.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("running").GetBoolean());
            Assert.True(stages["ingest"]);
            Assert.True(stages["alert-notifier"]);
            Assert.Equal(2, body.GetProperty("samplesAccepted").GetInt64());
            Assert.Equal(1, body.GetProperty("alertsDelivered").GetInt64());
            Assert.Equal(T0.AddMinutes(1), body.GetProperty("lastSampleAt").GetDateTimeOffset());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("quota").ValueKind); // no YouTube key: no quota
        }, cancellationToken: Cancel);
    }
}
