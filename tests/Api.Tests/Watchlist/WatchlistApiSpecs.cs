using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Api.Tests.Watchlist;

/// <summary>
/// GET/POST/DELETE /watchlist through the real host, with YouTube:ApiKey set and the fake YouTube server behind it:
/// a playlist added over the API is polled, and an upload that appears in it later reaches the alert sink once.
/// </summary>
public sealed class WatchlistApiSpecs : IAsyncLifetime
{
    private const string AdminKey = "admin-secret-for-tests";
    private const string Playlist = "PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf";
    private readonly TestJournal _journal = TestJournal.Sqlite();
    private readonly RecordingAlertSink _sink = new();
    private FakeYouTubeServer _youtube = null!;
    private AppFactory _factory = null!;
    private HttpClient _client = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _youtube = await FakeYouTubeServer.StartAsync();
        foreach (var id in new[] { "dQw4w9WgXcQ", "jNQXAC9IVRw", "Ks-_Mh1QhMc" })
            _youtube.Videos[id] = new FakeVideo(5_000, 50, 5, DateTimeOffset.UtcNow.AddDays(-400));
        _youtube.Playlists[Playlist] = ["dQw4w9WgXcQ", "jNQXAC9IVRw"];
        _factory = NewFactory(AdminKey);
        _client = _factory.CreateClient();
    }

    private AppFactory NewFactory(string adminKey, TestJournal? database = null) => new(database ?? _journal, _sink, source: null, new Dictionary<string, string?>
    {
        ["YouTube:ApiKey"] = FakeYouTubeServer.ValidKey,
        ["YouTube:BaseUrl"] = _youtube.BaseUrl,
        ["YouTube:PollInterval"] = "00:00:02",
        ["YouTube:ExpandInterval"] = "00:00:01",
        ["Api:AdminKey"] = adminKey,
        ["Watch:Channels:0"] = "@seededhandle",
    });

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _youtube.DisposeAsync();
        _journal.Dispose();
    }

    private async Task<HttpResponseMessage> Post(object body, string? key = AdminKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/watchlist") { Content = JsonContent.Create(body) };
        if (key is not null)
            request.Headers.Add("X-Api-Key", key);
        return await _client.SendAsync(request, Cancel);
    }

    private async Task<JsonElement> Watchlist() => await _client.GetFromJsonAsync<JsonElement>("/watchlist", Cancel);

    [Fact]
    public async Task Should_show_the_seeded_watchlist()
    {
        var list = await Watchlist();

        var target = Assert.Single(list.GetProperty("targets").EnumerateArray());
        Assert.Equal("channel", target.GetProperty("kind").GetString());
        Assert.Equal("@seededhandle", target.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Should_watch_a_playlist_added_by_url_and_alert_once_on_a_new_upload_in_it()
    {
        using (var created = await Post(new { url = $"https://www.youtube.com/playlist?list={Playlist}" }))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using (var again = await Post(new { id = Playlist }))
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        await Eventually.Holds(async () =>
        {
            var stats = await _client.GetFromJsonAsync<JsonElement>("/videos/jNQXAC9IVRw/stats", Cancel);
            Assert.Equal(5_000, stats.GetProperty("viewCount").GetInt64());
            Assert.Equal(2, (await Watchlist()).GetProperty("videoCount").GetInt32());
        }, cancellationToken: Cancel);
        Assert.Empty(_sink.Delivered); // the playlist's first reading is its baseline

        _youtube.Videos["Ks-_Mh1QhMc"] = new FakeVideo(1_234, 56, 7, DateTimeOffset.UtcNow.AddMinutes(-20));
        _youtube.Playlists[Playlist] = ["Ks-_Mh1QhMc", "dQw4w9WgXcQ", "jNQXAC9IVRw"];
        await Eventually.Holds(() =>
        {
            var alert = Assert.Single(_sink.Delivered);
            Assert.Equal("Ks-_Mh1QhMc", alert.VideoId);
            Assert.Equal("new:video", Assert.Single(alert.Breaches).Rule);
        }, cancellationToken: Cancel);
        // Raised by the video at its first sample (issue 15): its title, channel and first counts, not "0 views".
        var upload = Assert.Single(_sink.Delivered);
        Assert.Equal(("Video Ks-_Mh1QhMc", "Fake channel", "UCuAXFkgsw1L7xaCfnd5JJOw"), (upload.Title, upload.ChannelTitle, upload.ChannelId));
        Assert.Equal(YouTubeAnalytics.Actors.Videos.NewUploadRule.AlertIdFor("Ks-_Mh1QhMc"), upload.AlertId);
        var text = YouTubeAnalytics.Streams.Alerts.AlertText.Plain(upload);
        Assert.StartsWith("Video Ks-_Mh1QhMc — Fake channel\nNew upload in a watched playlist or channel, published 20m ago\nNow: 1,234 views, 56 likes, 7 comments",
            text.ReplaceLineEndings("\n"));
        await Eventually.Holds(async () =>
            Assert.Equal(1_234, (await _client.GetFromJsonAsync<JsonElement>("/videos/Ks-_Mh1QhMc/stats", Cancel)).GetProperty("viewCount").GetInt64()),
            cancellationToken: Cancel);
        Assert.Single(_sink.Delivered);
        ReliabilityFigures.Record("partial failures",
            "new upload in a watched playlist: alerts with its title, channel and first counts, at its first sample", 1, 1, 0, _sink.Delivered.Count - 1);
    }

    [Fact]
    public async Task Should_show_a_missing_playlist_failing_with_youtubes_reason_beside_polled_videos_and_after_a_restart()
    {
        // It existed when it was watched (POST checks), then it was deleted.
        const string missing = "PLnoSuchPlaylist0123456789";
        _youtube.Playlists[missing] = [];
        using (var added = await Post(new { id = missing }))
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        _youtube.Playlists.TryRemove(missing, out _);
        using (await Post(new { url = "https://youtu.be/dQw4w9WgXcQ" }))
        {
        }

        JsonElement Target(JsonElement list, string id) => list.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("id").GetString() == id);
        await Eventually.Holds(async () =>
        {
            var target = Target(await Watchlist(), missing);
            Assert.Equal("failing", target.GetProperty("state").GetString());
            Assert.Equal("playlistNotFound (HTTP 404)", target.GetProperty("reason").GetString());
            Assert.Equal(JsonValueKind.Null, target.GetProperty("lastSuccessAt").ValueKind);
            var stats = await _client.GetFromJsonAsync<JsonElement>("/videos/dQw4w9WgXcQ/stats", Cancel);
            Assert.Equal(5_000, stats.GetProperty("viewCount").GetInt64());
        }, cancellationToken: Cancel);
        var retryAt = Target(await Watchlist(), missing).GetProperty("retryAt").GetDateTimeOffset();

        _client.Dispose();
        await _factory.DisposeAsync();
        _factory = NewFactory(AdminKey);
        _client = _factory.CreateClient();

        var after = Target(await Watchlist(), missing);
        Assert.Equal("failing", after.GetProperty("state").GetString());
        Assert.Equal(retryAt, after.GetProperty("retryAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, Target(await Watchlist(), "dQw4w9WgXcQ").GetProperty("state").ValueKind);
    }

    [Theory]
    [InlineData("PLnoSuchPlaylist0123456789", "playlistNotFound (HTTP 404)")]
    [InlineData("https://www.youtube.com/channel/UCnoSuchChannel000000000", "channelNotFound")]
    public async Task Should_refuse_a_playlist_or_channel_YouTube_does_not_know_with_400_and_its_reason(string url, string reason)
    {
        var calls = _youtube.RequestUrls.Count(u => !u.Contains("/videos", StringComparison.Ordinal));

        using var response = await Post(new { url });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("YouTube has no", body);
        Assert.Contains(reason, body);
        Assert.DoesNotContain((await Watchlist()).GetProperty("targets").EnumerateArray(),
            t => url.Contains(t.GetProperty("id").GetString()!, StringComparison.Ordinal));
        Assert.InRange(_youtube.RequestUrls.Count(u => !u.Contains("/videos", StringComparison.Ordinal)) - calls, 1, 3); // the check: one call (the seeded handle's expansion may add its own)
    }

    [Fact]
    public async Task Should_stop_watching_a_removed_target()
    {
        using (await Post(new { url = "https://youtu.be/dQw4w9WgXcQ" }))
        {
        }

        using var removed = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/watchlist/dQw4w9WgXcQ") { Headers = { { "X-Api-Key", AdminKey } } }, Cancel);
        using var missing = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/watchlist/dQw4w9WgXcQ") { Headers = { { "X-Api-Key", AdminKey } } }, Cancel);

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.DoesNotContain((await Watchlist()).GetProperty("targets").EnumerateArray(), t => t.GetProperty("id").GetString() == "dQw4w9WgXcQ");
    }

    [Theory]
    [InlineData("https://vimeo.com/123", "only youtube.com and youtu.be")]
    [InlineData("https://www.youtube.com/watch?v=nope", "valid video id")]
    public async Task Should_refuse_a_malformed_url_with_the_reason(string url, string because)
    {
        using var response = await Post(new { url });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(because, await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Should_refuse_changes_without_the_right_admin_key_and_never_echo_it()
    {
        using var none = await Post(new { id = "dQw4w9WgXcQ" }, key: null);
        using var wrong = await Post(new { id = "dQw4w9WgXcQ" }, key: "admin-secret-for-testz");
        var body = await wrong.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.DoesNotContain(AdminKey, body);
        Assert.DoesNotContain("admin-secret-for-testz", body);
        Assert.Single((await Watchlist()).GetProperty("targets").EnumerateArray());
    }

    [Fact]
    public async Task Should_refuse_changes_with_403_and_a_reason_when_no_admin_key_is_set()
    {
        var database = TestJournal.Sqlite();
        await using var factory = NewFactory(adminKey: "", database);
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/watchlist") { Content = JsonContent.Create(new { id = "dQw4w9WgXcQ" }) };
        request.Headers.Add("X-Api-Key", "anything");

        using var response = await client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Api:AdminKey is not set", await response.Content.ReadAsStringAsync(Cancel));
        await factory.DisposeAsync();
        database.Dispose();
    }
}
