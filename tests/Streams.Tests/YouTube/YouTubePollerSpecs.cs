using Microsoft.Extensions.Time.Testing;
using YouTubeAnalytics.Actors.Quota;
using YouTubeAnalytics.Actors.Watchlist;
using YouTubeAnalytics.Streams.YouTube;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Streams.Tests.YouTube;

public sealed class YouTubePollerSpecs(ITestOutputHelper output) : IAsyncLifetime
{
    // 02:00 in Los Angeles (PST, UTC-8).
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Old = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private FakeYouTubeServer _server = null!;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await FakeYouTubeServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private List<string> Watch(int n, string prefix = "v", DateTimeOffset? publishedAt = null)
    {
        var ids = PollerHarness.Ids(n, prefix);
        foreach (var id in ids)
            _server.Videos[id] = new FakeVideo(1_000, 10, 1, publishedAt ?? Old);
        return ids;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(51)]
    [InlineData(120)]
    [InlineData(1000)]
    public async Task Should_cost_one_unit_per_50_watched_videos_per_round(int n)
    {
        var ids = Watch(n);
        using var harness = new PollerHarness(_server, PollerHarness.Videos(ids), new FakeTimeProvider(Start));

        var samples = await harness.Poller.RunRoundAsync(_ct);

        Assert.Equal((n + 49) / 50, _server.Units("videos.list"));
        Assert.Equal(ids.Order(), samples.Select(s => s.VideoId).Order());
        Assert.All(samples, s => Assert.Equal("youtube", s.Source));
        Assert.All(samples, s => Assert.Equal(FakeYouTubeServer.ThumbnailUrl(s.VideoId, "mqdefault"), s.ThumbnailUrl)); // snippet.thumbnails.medium
        Assert.Equal((n + 49) / 50, harness.Budget.Spent);
    }

    [Fact]
    public async Task Should_read_a_three_page_playlist_whole_once_per_expansion()
    {
        var ids = Watch(120);
        _server.Playlists["PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf"] = ids;
        var clock = new FakeTimeProvider(Start);
        using var harness = new PollerHarness(_server, [WatchTarget.Playlist("PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf")], clock);

        var first = await harness.Poller.RunRoundAsync(_ct);
        clock.Advance(TimeSpan.FromMinutes(5));
        await harness.Poller.RunRoundAsync(_ct);

        Assert.Equal(3, _server.Units("playlistItems.list"));
        Assert.Equal(120, first.Count);
        Assert.Equal(120, harness.Poller.WatchedVideos);

        clock.Advance(TimeSpan.FromMinutes(30));
        await harness.Poller.RunRoundAsync(_ct);
        Assert.Equal(6, _server.Units("playlistItems.list"));
    }

    [Fact]
    public async Task Should_expand_a_channel_by_handle_through_its_uploads_playlist_and_pick_up_new_uploads()
    {
        var ids = Watch(3);
        _server.Channels["UCuAXFkgsw1L7xaCfnd5JJOw"] = ("@rickastleyyt", "UUuAXFkgsw1L7xaCfnd5JJOw");
        _server.Playlists["UUuAXFkgsw1L7xaCfnd5JJOw"] = [.. ids];
        var clock = new FakeTimeProvider(Start);
        using var harness = new PollerHarness(_server, [WatchTarget.Channel("@rickastleyyt")], clock);

        Assert.Equal(3, (await harness.Poller.RunRoundAsync(_ct)).Count);

        var upload = Watch(1, "n", publishedAt: Start)[0];
        _server.Playlists["UUuAXFkgsw1L7xaCfnd5JJOw"] = [upload, .. ids];
        clock.Advance(TimeSpan.FromMinutes(30));
        var later = await harness.Poller.RunRoundAsync(_ct);

        Assert.Contains(later, s => s.VideoId == upload);
        Assert.Equal(4, harness.Poller.WatchedVideos);
        Assert.Equal(1, _server.Units("channels.list"));
        Assert.Equal([upload], harness.Watchlist.NewUploads);
        // Flagged in the round that found it, so its video announces it with its first sample; the others are not.
        Assert.Equal([upload], later.Where(s => s.NewUpload).Select(s => s.VideoId));

        clock.Advance(TimeSpan.FromMinutes(30));
        var again = await harness.Poller.RunRoundAsync(_ct);
        Assert.Single(harness.Watchlist.NewUploads); // the same upload seen again is no new upload
        // Still pending (the watchlist does not know it was announced): flagged, and the video's state announces it once.
        Assert.Equal([upload], again.Where(s => s.NewUpload).Select(s => s.VideoId));
    }

    [Fact]
    public async Task Should_follow_the_watchlist_when_it_changes_at_runtime()
    {
        var ids = Watch(3);
        _server.Playlists["PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf"] = Watch(60, "p");
        var clock = new FakeTimeProvider(Start);
        using var harness = new PollerHarness(_server, PollerHarness.Videos(ids[..1]), clock);
        Assert.Single(await harness.Poller.RunRoundAsync(_ct));

        harness.Watchlist.Add(WatchTarget.Video(ids[1]));
        harness.Watchlist.Add(WatchTarget.Playlist("PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf"));
        harness.Watchlist.Remove(ids[0]);
        clock.Advance(TimeSpan.FromSeconds(30));
        var next = await harness.Poller.RunRoundAsync(_ct);

        Assert.Equal(61, next.Count); // the new video and the playlist's 60, read at once; the removed one no more
        Assert.DoesNotContain(next, s => s.VideoId == ids[0]);
        Assert.Equal(2, _server.Units("playlistItems.list"));
        Assert.Empty(harness.Watchlist.NewUploads); // a playlist's first reading is its baseline
        Assert.DoesNotContain(next, s => s.NewUpload);
    }

    [Fact]
    public async Task Should_make_no_call_after_quotaExceeded_until_the_next_Pacific_midnight()
    {
        var ids = Watch(10);
        var clock = new FakeTimeProvider(Start);
        using var harness = new PollerHarness(_server, PollerHarness.Videos(ids), clock);
        _server.QuotaGone = true;

        Assert.Empty(await harness.Poller.RunRoundAsync(_ct));
        var nextMidnight = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero); // 00:00 PST
        Assert.Equal(nextMidnight, harness.Budget.BlockedUntil);
        Assert.Contains(harness.Logs.Lines, l => l.Contains("no calls from the data-api quota bucket until 2026-12-01 08:00:00Z", StringComparison.Ordinal));

        _server.QuotaGone = false;
        var requests = _server.RequestUrls.Count;
        while (clock.GetUtcNow() + TimeSpan.FromMinutes(30) < nextMidnight)
        {
            clock.Advance(TimeSpan.FromMinutes(30));
            Assert.Empty(await harness.Poller.RunRoundAsync(_ct));
        }
        clock.SetUtcNow(nextMidnight - TimeSpan.FromSeconds(1));
        Assert.Empty(await harness.Poller.RunRoundAsync(_ct));
        Assert.Equal(requests, _server.RequestUrls.Count);

        // A restart during the block does not lift it.
        using (var restarted = new PollerHarness(_server, PollerHarness.Videos(ids), clock, harness.Quota))
            Assert.Empty(await restarted.Poller.RunRoundAsync(_ct));
        Assert.Equal(requests, _server.RequestUrls.Count);

        clock.SetUtcNow(nextMidnight);
        Assert.Equal(10, (await harness.Poller.RunRoundAsync(_ct)).Count);
        Assert.Null(harness.Budget.BlockedUntil);
        Assert.Equal(1, harness.Budget.Spent);
    }

    [Fact]
    public async Task Should_keep_the_days_count_across_a_restart_and_reset_it_at_Pacific_midnight()
    {
        var ids = Watch(120);
        var clock = new FakeTimeProvider(Start);
        using var first = new PollerHarness(_server, PollerHarness.Videos(ids), clock);
        await first.Poller.RunRoundAsync(_ct);

        // The count is the owner's (the QuotaActor in the host, journaled: QuotaActorSpecs), not the poller's.
        using var restarted = new PollerHarness(_server, PollerHarness.Videos(ids), clock, first.Quota);
        Assert.Equal(3, (await restarted.Budget.ReadAsync(_ct)).Bucket(QuotaBuckets.DataApi).Spent);
        Assert.Equal(3, restarted.Budget.Ledger.Bucket(QuotaBuckets.DataApi).ByPurpose[QuotaPurposes.VideoRefresh]);

        clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 7, 59, 0, TimeSpan.Zero));
        Assert.Equal(3, (await restarted.Budget.ReadAsync(_ct)).Bucket(QuotaBuckets.DataApi).Spent);
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, (await restarted.Budget.ReadAsync(_ct)).Bucket(QuotaBuckets.DataApi).Spent);
    }

    [Fact]
    public async Task Should_never_put_the_key_in_a_url_a_log_line_or_an_error()
    {
        var ids = Watch(60);
        _server.Playlists["PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf"] = ids;
        var clock = new FakeTimeProvider(Start);
        using var good = new PollerHarness(_server, [.. PollerHarness.Videos(ids), WatchTarget.Playlist("PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf")], clock);
        _server.FailNext("videos.list", 503, FakeYouTubeServer.ErrorBody(503, "backendError", "Backend Error"));
        _server.FailNext("videos.list", 500, "<html>oops</html>");
        await good.Poller.RunRoundAsync(_ct);
        _server.QuotaGone = true;
        clock.Advance(TimeSpan.FromMinutes(5));
        await good.Poller.RunRoundAsync(_ct);
        _server.QuotaGone = false;

        const string wrongKey = "AIzaSy-wrong-key-zyxwvutsrqponmlkjihg";
        using var bad = new PollerHarness(_server, PollerHarness.Videos(ids), clock, apiKey: wrongKey);
        await bad.Poller.RunRoundAsync(_ct);

        Assert.NotEmpty(good.Logs.Lines);
        Assert.NotEmpty(bad.Logs.Lines);
        Assert.Contains(good.Logs.Lines, l => l.Contains("/youtube/v3/videos", StringComparison.Ordinal)); // HTTP logging is captured
        foreach (var (key, lines) in new[] { (FakeYouTubeServer.ValidKey, good.Logs.Lines), (wrongKey, bad.Logs.Lines) })
        {
            Assert.DoesNotContain(_server.RequestUrls, u => u.Contains(key, StringComparison.Ordinal) || u.Contains("key=", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(lines, l => l.Contains(key, StringComparison.Ordinal));
        }
        Assert.DoesNotContain(wrongKey, bad.Status.Halted!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_refresh_a_fast_video_more_often_than_a_quiet_one_within_the_budget_of_the_fast_one()
    {
        var fast = Watch(1, "f")[0];
        var quiet = Watch(1, "q")[0];
        var clock = new FakeTimeProvider(Start);
        using var harness = new PollerHarness(_server, PollerHarness.Videos([fast, quiet]), clock);
        var refreshes = new Dictionary<string, int> { [fast] = 0, [quiet] = 0 };

        for (var minute = 0; minute < 6 * 60; minute++)
        {
            foreach (var s in await harness.Poller.RunRoundAsync(_ct))
                refreshes[s.VideoId]++;
            clock.Advance(TimeSpan.FromMinutes(1));
            var v = _server.Videos[fast];
            _server.Videos[fast] = v with { Views = v.Views + v.Views / 1000 }; // about 6% an hour
        }

        output.WriteLine($"fast {refreshes[fast]}, quiet {refreshes[quiet]}, units {_server.Units("videos.list")}");
        Assert.True(refreshes[fast] >= 60, $"fast video refreshed {refreshes[fast]} times in 6 h at a 5-minute period");
        Assert.True(refreshes[quiet] * 4 <= refreshes[fast], $"quiet {refreshes[quiet]} vs fast {refreshes[fast]}");
        Assert.Equal(refreshes[fast], _server.Units("videos.list")); // the quiet one only rode along in the fast one's calls
        Assert.Equal(Cadence.Quiet, PollerCadence(harness, quiet));
    }

    [Fact]
    public async Task Should_report_hidden_likes_as_null_and_a_vanished_video_unavailable_once()
    {
        var ids = Watch(3);
        _server.Videos[ids[0]] = new FakeVideo(500, null, null, Old);
        var clock = new FakeTimeProvider(Start);
        using var harness = new PollerHarness(_server, PollerHarness.Videos(ids), clock);

        var samples = await harness.Poller.RunRoundAsync(_ct);
        var hidden = samples.Single(s => s.VideoId == ids[0]);
        Assert.Null(hidden.LikeCount);
        Assert.Null(hidden.CommentCount);
        Assert.Equal(500, hidden.ViewCount);

        _server.Videos.TryRemove(ids[1], out _);
        for (var i = 0; i < 30; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(15));
            Assert.DoesNotContain(await harness.Poller.RunRoundAsync(_ct), s => s.VideoId == ids[1]);
        }
        Assert.Single(harness.Logs.Lines, l => l.Contains($"Video {ids[1]} is no longer returned", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_retry_a_5xx_with_backoff_and_then_deliver()
    {
        var ids = Watch(5);
        _server.FailNext("videos.list", 503, FakeYouTubeServer.ErrorBody(503, "backendError", "Backend Error"));
        _server.FailNext("videos.list", 500, FakeYouTubeServer.ErrorBody(500, "internalError", "Internal Error"));
        using var harness = new PollerHarness(_server, PollerHarness.Videos(ids), new FakeTimeProvider(Start));

        Assert.Equal(5, (await harness.Poller.RunRoundAsync(_ct)).Count);
        Assert.Equal(3, _server.Units("videos.list"));
    }

    [Fact]
    public async Task Should_give_up_after_bounded_retries_and_try_the_same_videos_next_round()
    {
        var ids = Watch(5);
        for (var i = 0; i < 3; i++)
            _server.FailNext("videos.list", 503, FakeYouTubeServer.ErrorBody(503, "backendError", "Backend Error"));
        var clock = new FakeTimeProvider(Start);
        using var harness = new PollerHarness(_server, PollerHarness.Videos(ids), clock);

        Assert.Empty(await harness.Poller.RunRoundAsync(_ct));
        Assert.Equal(3, _server.Units("videos.list"));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(5, (await harness.Poller.RunRoundAsync(_ct)).Count);
    }

    [Theory]
    [InlineData(400, "badRequest", "API_KEY_INVALID")]
    [InlineData(400, "keyInvalid", null)]
    [InlineData(403, "accessNotConfigured", null)]
    [InlineData(403, "forbidden", null)]
    public async Task Should_stop_calling_and_name_the_setting_when_the_key_is_refused(int status, string reason, string? detail)
    {
        var ids = Watch(5);
        _server.FailNext("videos.list", status, FakeYouTubeServer.ErrorBody(status, reason, "refused", detail));
        var clock = new FakeTimeProvider(Start);
        using var harness = new PollerHarness(_server, PollerHarness.Videos(ids), clock);

        Assert.Empty(await harness.Poller.RunRoundAsync(_ct));
        for (var i = 0; i < 10; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            Assert.Empty(await harness.Poller.RunRoundAsync(_ct));
        }

        Assert.Equal(1, _server.Units("videos.list"));
        Assert.Contains("YouTube:ApiKey", harness.Status.Halted);
        Assert.Single(harness.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("YouTube:ApiKey", StringComparison.Ordinal));
    }

    private static Cadence PollerCadence(PollerHarness harness, string id) => harness.Poller.CadenceOf(id);
}
