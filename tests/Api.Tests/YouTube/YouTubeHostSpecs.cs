using System.Net.Http.Json;
using System.Text.Json;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Api.Tests.YouTube;

/// <summary>The real host with YouTube:ApiKey set, polling the fake YouTube server over TCP instead of the demo source.</summary>
public sealed class YouTubeHostSpecs : IAsyncLifetime
{
    private readonly TestJournal _journal = TestJournal.Sqlite();
    private FakeYouTubeServer _youtube = null!;
    private AppFactory _factory = null!;
    private HttpClient _client = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _youtube = await FakeYouTubeServer.StartAsync();
        _youtube.Videos["dQw4w9WgXcQ"] = new FakeVideo(1_712_345_678, null, 2_412_345, new DateTimeOffset(2009, 10, 25, 6, 57, 33, TimeSpan.Zero));
        _youtube.Videos["jNQXAC9IVRw"] = new FakeVideo(371_234_567, 17_000_000, 10_654_321, new DateTimeOffset(2005, 4, 24, 3, 31, 52, TimeSpan.Zero));
        _factory = new AppFactory(_journal, new RecordingAlertSink(), source: null, new Dictionary<string, string?>
        {
            ["YouTube:ApiKey"] = FakeYouTubeServer.ValidKey,
            ["YouTube:BaseUrl"] = _youtube.BaseUrl,
            ["YouTube:PollInterval"] = "00:00:02",
            ["Watch:Videos:0"] = "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
            ["Watch:Videos:1"] = "https://youtu.be/jNQXAC9IVRw",
        });
        _client = _factory.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _youtube.DisposeAsync();
        _journal.Dispose();
    }

    [Fact]
    public async Task Should_poll_the_watched_videos_from_YouTube_into_the_video_actors()
    {
        var info = await _client.GetFromJsonAsync<JsonElement>("/", Cancel);
        Assert.Equal("youtube", info.GetProperty("source").GetString());

        await Eventually.Holds(async () =>
        {
            var stats = await _client.GetFromJsonAsync<JsonElement>("/videos/dQw4w9WgXcQ/stats", Cancel);
            Assert.Equal(1_712_345_678, stats.GetProperty("viewCount").GetInt64());
            Assert.Equal(JsonValueKind.Null, stats.GetProperty("likeCount").ValueKind);
        }, cancellationToken: Cancel);
        Assert.True(_youtube.Units("videos.list") > 0);
        Assert.DoesNotContain(_youtube.RequestUrls, u => u.Contains(FakeYouTubeServer.ValidKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_show_the_projects_units_by_bucket_and_purpose_in_pipeline_status_and_metrics()
    {
        await Eventually.Holds(async () =>
        {
            var status = await _client.GetFromJsonAsync<JsonElement>("/pipeline/status", Cancel);
            var bucket = status.GetProperty("quota").GetProperty("buckets").EnumerateArray()
                .Single(b => b.GetProperty("bucket").GetString() == "data-api");
            Assert.True(bucket.GetProperty("usedByPurpose").GetProperty("video-refresh").GetInt32() > 0);
            Assert.Equal(10_000, bucket.GetProperty("limit").GetInt32());
        }, cancellationToken: Cancel);

        await Eventually.Holds(async () =>
        {
            var metrics = await _client.GetStringAsync("/metrics", Cancel);
            Assert.Matches("""yta_quota_units\{[^}]*bucket="data-api"[^}]*purpose="video-refresh"[^}]*\} [1-9]""", metrics);
        }, cancellationToken: Cancel);
    }

    [Fact]
    public async Task Should_report_degraded_health_until_Pacific_midnight_when_the_quota_is_gone()
    {
        _youtube.QuotaGone = true;

        await Eventually.Holds(async () =>
        {
            using var response = await _client.GetAsync("/health", Cancel);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;
            var youtube = body.GetProperty("checks").GetProperty("youtube");
            Assert.Equal("Degraded", youtube.GetProperty("status").GetString());
            Assert.Contains("no calls until", youtube.GetProperty("description").GetString());
        }, cancellationToken: Cancel);
    }

    [Fact]
    public async Task Should_report_unhealthy_naming_the_setting_but_not_the_key_when_YouTube_refuses_it()
    {
        const string wrongKey = "AIzaSy-not-the-right-key-0000000000000";
        await using var youtube = await FakeYouTubeServer.StartAsync(); // its own, so only this host's calls count
        youtube.Videos["dQw4w9WgXcQ"] = new FakeVideo(1, 1, 1, DateTimeOffset.UtcNow);
        var database = TestJournal.Sqlite();
        await using (var factory = new AppFactory(database, new RecordingAlertSink(), source: null, new Dictionary<string, string?>
        {
            ["YouTube:ApiKey"] = wrongKey,
            ["YouTube:BaseUrl"] = youtube.BaseUrl,
            ["Watch:Videos:0"] = "dQw4w9WgXcQ",
        }))
        {
            using var client = factory.CreateClient();
            await Eventually.Holds(async () =>
            {
                using var response = await client.GetAsync("/health", Cancel);
                var text = await response.Content.ReadAsStringAsync(Cancel);
                var youtube = JsonDocument.Parse(text).RootElement.GetProperty("checks").GetProperty("youtube");
                Assert.Equal("Unhealthy", youtube.GetProperty("status").GetString());
                Assert.Contains("YouTube:ApiKey", youtube.GetProperty("description").GetString());
                Assert.DoesNotContain(wrongKey, text);
            }, cancellationToken: Cancel);
            Assert.Equal(1, youtube.Units("videos.list")); // refused once, never retried
        }
        database.Dispose();
    }
}
