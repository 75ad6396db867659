using Microsoft.Extensions.Time.Testing;
using YouTubeAnalytics.Actors.Quota;
using YouTubeAnalytics.Streams.YouTube;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Streams.Tests.YouTube;

/// <summary>
/// YouTube:StatsEndpoint = both through the fake YouTube: counts from videos:batchGetStats on its own bucket, videos.list
/// for descriptions and broadcasts; each bucket stops at its own limit, and a quotaExceeded in one does not stop the other.
/// </summary>
public sealed class TwoBucketSpecs : IAsyncLifetime
{
    // 02:00 in Los Angeles (PST): the Pacific day ends at 08:00 UTC on 1 December.
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    // Uploaded three hours before: refreshed every period (5 minutes).
    private static readonly DateTimeOffset Uploaded = Start.AddHours(-3);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly FakeTimeProvider _clock = new(Start);
    private FakeYouTubeServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FakeYouTubeServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private List<string> Watch(int n, string prefix = "v")
    {
        var ids = PollerHarness.Ids(n, prefix);
        foreach (var id in ids)
            _server.Videos[id] = new FakeVideo(1_000, 10, 1, Uploaded);
        return ids;
    }

    private PollerHarness Harness(IEnumerable<string> ids, StatsEndpoint endpoint, int dailyQuota = 10_000, int batchGetStatsQuota = 10_000) =>
        new(_server, PollerHarness.Videos(ids), _clock, dailyQuota: dailyQuota, batchGetStatsQuota: batchGetStatsQuota,
            settings: YouTubePollerSettings.For(TimeSpan.FromMinutes(5)) with { StatsEndpoint = endpoint });

    /// <summary>The round one period later, when every watched video (a new upload) is due again.</summary>
    private async Task<IReadOnlyList<Actors.Contracts.VideoStatsObserved>> NextRefreshAsync(PollerHarness harness)
    {
        _clock.Advance(TimeSpan.FromMinutes(5));
        return await harness.Poller.RunRoundAsync(_ct);
    }

    [Fact]
    public async Task Should_describe_a_video_once_with_videos_list_then_count_it_with_batchGetStats_on_its_own_bucket()
    {
        var ids = Watch(120);
        using var harness = Harness(ids, StatsEndpoint.Both);

        Assert.Equal(120, (await harness.Poller.RunRoundAsync(_ct)).Count);
        Assert.Equal((3, 0), (_server.Units("videos.list"), _server.Units(YouTubeClient.BatchGetStatsMethod)));

        var counted = await NextRefreshAsync(harness);

        Assert.Equal(ids.Order(), counted.Select(s => s.VideoId).Order());
        Assert.Equal((3, 3), (_server.Units("videos.list"), _server.Units(YouTubeClient.BatchGetStatsMethod)));
        Assert.All(counted, s => Assert.Equal("Video " + s.VideoId, s.Title)); // the title videos.list gave
        var ledger = await harness.Budget.ReadAsync(_ct);
        Assert.Equal(3, ledger.Bucket(QuotaBuckets.DataApi).ByPurpose[QuotaPurposes.VideoRefresh]);
        Assert.Equal(3, ledger.Bucket(QuotaBuckets.BatchGetStats).ByPurpose[QuotaPurposes.VideoRefresh]);
    }

    [Fact]
    public async Task Should_read_broadcasts_with_videos_list_and_count_them_as_live()
    {
        var ids = Watch(10);
        _server.Videos[ids[0]] = new FakeVideo(1_000, 10, 1, Uploaded) { LiveBroadcastContent = "live", ScheduledStartTime = Start.AddMinutes(-30), ActualStartTime = Start.AddMinutes(-20), ConcurrentViewers = 420 };
        using var harness = Harness(ids, StatsEndpoint.Both);
        await harness.Poller.RunRoundAsync(_ct);

        var next = await NextRefreshAsync(harness);

        Assert.Equal(420, next.Single(s => s.VideoId == ids[0]).ConcurrentViewers);
        Assert.All(next.Where(s => s.VideoId != ids[0]), s => Assert.Null(s.ConcurrentViewers));
        var ledger = await harness.Budget.ReadAsync(_ct);
        Assert.Equal(1, ledger.Bucket(QuotaBuckets.DataApi).ByPurpose[QuotaPurposes.Live]);
        Assert.Equal(1, ledger.Bucket(QuotaBuckets.BatchGetStats).Spent);
    }

    [Fact]
    public async Task Should_go_on_with_videos_list_when_batchGetStats_says_quotaExceeded()
    {
        var ids = Watch(60);
        using var harness = Harness(ids, StatsEndpoint.Both);
        await harness.Poller.RunRoundAsync(_ct);
        _server.QuotaGoneFor[YouTubeClient.BatchGetStatsMethod] = true;

        Assert.Empty(await NextRefreshAsync(harness)); // the bucket's first refusal ends its calls this round
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), harness.Budget.BlockedUntilOf(QuotaBuckets.BatchGetStats));
        Assert.Null(harness.Budget.BlockedUntil);

        var listed = await harness.Poller.RunRoundAsync(_ct); // the next tick: the same videos, through videos.list
        Assert.Equal(60, listed.Count);
        Assert.Equal(4, _server.Units("videos.list"));
        Assert.Equal(0, _server.Units(YouTubeClient.BatchGetStatsMethod)); // refused calls cost nothing at YouTube
    }

    [Fact]
    public async Task Should_go_on_with_batchGetStats_when_videos_list_says_quotaExceeded()
    {
        var ids = Watch(60);
        using var harness = Harness(ids, StatsEndpoint.Both);
        await harness.Poller.RunRoundAsync(_ct);
        _server.QuotaGoneFor["videos.list"] = true;
        _server.QuotaGoneFor["playlistItems.list"] = true;
        _server.QuotaGoneFor["channels.list"] = true;
        _server.Videos[ids[0]] = new FakeVideo(1_000, 10, 1, Uploaded) { LiveBroadcastContent = "live", ScheduledStartTime = Start, ActualStartTime = Start, ConcurrentViewers = 9 };
        _clock.Advance(TimeSpan.FromDays(1)); // every description is due again: videos.list is asked first, and refuses
        await harness.Poller.RunRoundAsync(_ct);
        Assert.NotNull(harness.Budget.BlockedUntil);
        Assert.Null(harness.Budget.BlockedUntilOf(QuotaBuckets.BatchGetStats));

        var counted = await harness.Poller.RunRoundAsync(_ct);

        Assert.Equal(60, counted.Count); // counts only, with the description videos.list gave yesterday
        Assert.All(counted, s => Assert.Equal("Video " + s.VideoId, s.Title));
        Assert.True(_server.Units(YouTubeClient.BatchGetStatsMethod) >= 2);
    }

    [Fact]
    public async Task Should_stop_each_bucket_at_its_own_limit()
    {
        var ids = Watch(100);
        using var harness = Harness(ids, StatsEndpoint.BatchGetStats, dailyQuota: 5, batchGetStatsQuota: 3);
        Assert.Equal(100, (await harness.Poller.RunRoundAsync(_ct)).Count); // described: 2 videos.list units
        for (var call = 0; call < 3; call++)
            await harness.Client.BatchGetStatsAsync([ids[call]], _ct); // the bucket's 3 units, spent
        var refused = await Assert.ThrowsAsync<YouTubeApiException>(() => harness.Client.BatchGetStatsAsync([ids[0]], _ct));
        Assert.Contains("YouTube:BatchGetStatsQuota = 3 units", refused.Message, StringComparison.Ordinal);

        for (var round = 0; round < 3; round++)
            Assert.Empty(await NextRefreshAsync(harness)); // batchGetStats mode: no counts without its bucket

        Assert.Equal(3, _server.Units(YouTubeClient.BatchGetStatsMethod)); // its limit, then nothing more from it
        Assert.Equal(2, _server.Units("videos.list")); // videos.list only describes a video once, when it joins
        Assert.Equal(3, harness.Budget.Remaining); // the Data API bucket is untouched by the other's limit
        for (var call = 0; call < 3; call++)
            await harness.Client.ListVideosAsync([ids[0]], _ct);
        await Assert.ThrowsAsync<YouTubeApiException>(() => harness.Client.ListVideosAsync([ids[0]], _ct)); // and stops at its own
        Assert.Equal(5, _server.Units("videos.list"));
    }
}
