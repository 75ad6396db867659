using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Api.Tests.Channels;

/// <summary>
/// The real host with YouTube:ApiKey set, sampling watched channels from the fake YouTube server over TCP: a UC… id
/// and an @handle (resolved once), subscriber counts rounded as YouTube publishes them, one channel hiding its count.
/// </summary>
public sealed class ChannelSamplingSpecs : IAsyncLifetime
{
    private const string Rick = "UCuAXFkgsw1L7xaCfnd5JJOw";
    private const string Hidden = "UCBR8-60-B28hp2BmDPdntcQ";
    private readonly TestJournal _journal = TestJournal.Sqlite();
    private readonly RecordingAlertSink _sink = new();
    private FakeYouTubeServer _youtube = null!;
    private AppFactory _factory = null!;
    private HttpClient _client = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _youtube = await FakeYouTubeServer.StartAsync();
        _youtube.ChannelStatistics[Rick] = new FakeChannel("Rick Astley", 994_321, 2_412_345_678, 237, "@rickastleyyt");
        _youtube.ChannelStatistics[Hidden] = new FakeChannel("Hidden counts", null, 5_000_000, 12, "@hiddencounts");
        _factory = new AppFactory(_journal, _sink, source: null, new Dictionary<string, string?>
        {
            ["YouTube:ApiKey"] = FakeYouTubeServer.ValidKey,
            ["YouTube:BaseUrl"] = _youtube.BaseUrl,
            ["YouTube:ChannelInterval"] = "00:00:01",
            ["Watch:Channels:0"] = Rick,
            ["Watch:Channels:1"] = "@hiddencounts",
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

    private async Task<JsonElement> Stats(string id) => await _client.GetFromJsonAsync<JsonElement>($"/channels/{id}/stats", Cancel);

    [Fact]
    public async Task Should_sample_watched_channels_and_deliver_a_subscriber_milestone_once()
    {
        await Eventually.Holds(async () =>
        {
            var rick = await Stats(Rick);
            Assert.Equal(994_000, rick.GetProperty("subscriberCount").GetInt64()); // as published: 3 significant figures
            Assert.Equal(2_412_345_678, rick.GetProperty("viewCount").GetInt64());
            Assert.Equal("Rick Astley", rick.GetProperty("title").GetString());
        }, cancellationToken: Cancel);

        // The handle was resolved once and is sampled by id: hidden is null, never the 0 YouTube sends beside it.
        await Eventually.Holds(async () =>
        {
            var hidden = await Stats("@hiddencounts");
            Assert.Equal(Hidden, hidden.GetProperty("channelId").GetString());
            Assert.Equal(JsonValueKind.Null, hidden.GetProperty("subscriberCount").ValueKind);
            Assert.True(hidden.GetProperty("sampleCount").GetInt64() >= 2);
        }, cancellationToken: Cancel);
        Assert.Single(_youtube.RequestUrls, u => u.Contains("forHandle=%40hiddencounts", StringComparison.Ordinal)
                                                 && u.Contains("statistics", StringComparison.Ordinal));
        Assert.Contains(_youtube.RequestUrls, u => u.Contains("part=snippet,statistics", StringComparison.Ordinal)
                                                   && u.Contains(Rick, StringComparison.Ordinal) && u.Contains(Hidden, StringComparison.Ordinal));
        var list = await _client.GetFromJsonAsync<JsonElement>("/channels", Cancel);
        Assert.Equal(new[] { Rick, Hidden }.Order(StringComparer.Ordinal),
            list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("channelId").GetString()!).Order(StringComparer.Ordinal));
        Assert.Empty(_sink.Delivered);

        // 1,004,321 is published as 1,000,000: the milestone is proven and delivered once, through the notifier.
        _youtube.ChannelStatistics[Rick] = _youtube.ChannelStatistics[Rick] with { Subscribers = 1_004_321 };
        await Eventually.Holds(() =>
        {
            var alert = Assert.Single(_sink.Delivered);
            Assert.Equal(AlertSubject.Channel, alert.Subject);
            Assert.Equal(Rick, alert.VideoId);
            Assert.Equal("milestone:subscribers:1000000", Assert.Single(alert.Breaches).Rule);
        }, cancellationToken: Cancel);
        var samples = (await Stats(Rick)).GetProperty("sampleCount").GetInt64();
        await Eventually.Holds(async () => Assert.True((await Stats(Rick)).GetProperty("sampleCount").GetInt64() >= samples + 2),
            cancellationToken: Cancel);
        Assert.Single(_sink.Delivered);

        var history = await _client.GetFromJsonAsync<JsonElement>($"/channels/{Rick}/history", Cancel);
        var points = history.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(994_000, points[0].GetProperty("subscriberCount").GetInt64());
        Assert.Equal(1_000_000, points[^1].GetProperty("subscriberCount").GetInt64());
        using var csv = await _client.GetAsync($"/channels/{Rick}/history?format=csv", Cancel);
        Assert.StartsWith("observedAt,subscriberCount,viewCount,videoCount\n", await csv.Content.ReadAsStringAsync(Cancel));
    }

    [Theory]
    [InlineData("/channels/not-a-channel/stats", HttpStatusCode.BadRequest)]
    [InlineData("/channels/@x/stats", HttpStatusCode.BadRequest)]
    [InlineData("/channels/@neverwatched/stats", HttpStatusCode.NotFound)]
    [InlineData("/channels/UCaaaaaaaaaaaaaaaaaaaaaa/stats", HttpStatusCode.NotFound)]
    [InlineData("/channels/UCaaaaaaaaaaaaaaaaaaaaaa/history", HttpStatusCode.NotFound)]
    [InlineData("/channels/" + Rick + "/history?format=xml", HttpStatusCode.BadRequest)]
    public async Task Should_answer_a_bad_or_unknown_channel_with_a_problem(string url, HttpStatusCode status)
    {
        using var response = await _client.GetAsync(url, Cancel);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
