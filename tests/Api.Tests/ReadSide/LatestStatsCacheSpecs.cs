using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using YouTubeAnalytics.Actors.ReadSide;
using YouTubeAnalytics.Api.ReadSide;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Api.Tests.ReadSide;

/// <summary>The Redis read side (against a real redis-server) and its in-memory twin answer the same way.</summary>
public sealed class LatestStatsCacheSpecs : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddHours(-3);
    private readonly List<IAsyncDisposable> _owned = [];
    private ConnectionMultiplexer? _redis;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Kinds => ["in-memory", "redis"];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
            await owned.DisposeAsync();
        if (_redis is not null)
            await _redis.DisposeAsync();
    }

    private async Task<RedisLatestStatsCache> Redis(string prefix)
    {
        _redis ??= await ConnectionMultiplexer.ConnectAsync(RedisTestServer.Configuration);
        var cache = new RedisLatestStatsCache(_redis, TimeSpan.FromDays(30), NullLogger<RedisLatestStatsCache>.Instance, prefix);
        _owned.Add(cache);
        return cache;
    }

    private async Task<(ILatestStatsWriter Writer, ILatestStatsReader Reader, IVideoUpdateFeed Feed)> Create(string kind)
    {
        if (kind == "in-memory")
        {
            var memory = new InMemoryLatestStatsCache();
            return (memory, memory, memory);
        }
        var redis = await Redis(RedisTestServer.UniquePrefix());
        return (redis, redis, redis);
    }

    private static VideoSummary Summary(string id, double minutes, long views, string channel = "UCone", long alerts = 0) =>
        new(id, $"<b>{id}</b>", channel, "Channel", views, views / 10, null, T0.AddMinutes(minutes), 1, alerts, null);

    private static async Task<VideoPage> Until(ILatestStatsReader reader, VideoQuery query, Func<VideoPage, bool> done)
    {
        VideoPage page = null!;
        await Eventually.Holds(async () =>
        {
            page = await reader.ListAsync(query, Cancel);
            Assert.True(done(page));
        }, cancellationToken: Cancel);
        return page;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Should_drop_videos_past_the_retention_from_the_lists_leaderboards_and_totals_when_swept(string kind)
    {
        var (writer, reader, _) = await Create(kind);
        var retention = (IReadSideRetention)reader;
        writer.Publish(Summary("aaaaaaaaaaa", -40 * 24 * 60, 1_000));  // last seen 40 days ago: a video no longer watched
        writer.Publish(Summary("bbbbbbbbbbb", 0, 2_000));
        await Until(reader, new VideoQuery(1, 10, VideoSort.Views), p => p.Total == 2);

        Assert.Equal(1, await retention.RemoveExpiredAsync(T0.AddDays(-30), Cancel));

        var page = await reader.ListAsync(new VideoQuery(1, 10, VideoSort.Views), Cancel);
        Assert.Equal(1, page.Total);
        Assert.Equal(["bbbbbbbbbbb"], page.Items.Select(v => v.VideoId));
        Assert.Equal(["bbbbbbbbbbb"], (await reader.ListAsync(new VideoQuery(1, 10, VideoSort.Views, ChannelId: "UCone"), Cancel)).Items.Select(v => v.VideoId));
        Assert.Equal(1, (await reader.TotalsAsync(Cancel)).Videos);
        Assert.Null(await reader.FindAsync("aaaaaaaaaaa", Cancel));
        Assert.Equal(0, await retention.RemoveExpiredAsync(T0.AddDays(-30), Cancel)); // nothing left to drop
    }

    [Fact]
    public async Task Should_drop_from_the_redis_rank_and_channel_sets_an_id_whose_video_key_expired()
    {
        var prefix = RedisTestServer.UniquePrefix();
        var cache = await Redis(prefix);
        cache.Publish(Summary("aaaaaaaaaaa", 0, 1_000));
        cache.Publish(Summary("bbbbbbbbbbb", 0, 2_000));
        await Until(cache, new VideoQuery(1, 10, VideoSort.Views), p => p.Total == 2);
        var db = _redis!.GetDatabase();
        await db.KeyDeleteAsync(prefix + "video:aaaaaaaaaaa"); // what its TTL (History:Retention) does
        Assert.Equal(2, (await cache.ListAsync(new VideoQuery(1, 10, VideoSort.Views), Cancel)).Total); // the rank set still counts it

        Assert.Equal(1, await cache.RemoveExpiredAsync(T0.AddDays(-30), Cancel));

        Assert.Equal(1, (await cache.ListAsync(new VideoQuery(1, 10, VideoSort.Views), Cancel)).Total);
        foreach (var sort in Enum.GetValues<VideoSort>())
            Assert.Null(await db.SortedSetScoreAsync(prefix + "rank:" + sort.ToString().ToLowerInvariant(), "aaaaaaaaaaa"));
        Assert.Equal(["bbbbbbbbbbb"], (await db.SetMembersAsync(prefix + "channel:UCone")).Select(m => m.ToString()));
        Assert.False(await db.KeyExistsAsync(prefix + "points:aaaaaaaaaaa"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Should_rank_by_views_and_by_gain_over_the_last_hour_and_day(string kind)
    {
        var (writer, reader, _) = await Create(kind);
        // "aaaaaaaaaaa" is big but slow, "bbbbbbbbbbb" small but fast in the last hour, "ccccccccccc" fast over the day.
        writer.Publish(Summary("aaaaaaaaaaa", 0, 1_000_000));
        writer.Publish(Summary("bbbbbbbbbbb", 0, 1_000));
        writer.Publish(Summary("ccccccccccc", 0, 10_000));
        writer.Publish(Summary("ccccccccccc", 60, 60_000));
        writer.Publish(Summary("aaaaaaaaaaa", 120, 1_000_100));
        writer.Publish(Summary("bbbbbbbbbbb", 90, 2_000));
        writer.Publish(Summary("bbbbbbbbbbb", 120, 9_000));
        writer.Publish(Summary("ccccccccccc", 120, 60_500));

        var byViews = await Until(reader, new VideoQuery(1, 10, VideoSort.Views),
            p => p.Items.Any(v => v.VideoId == "ccccccccccc" && v.ViewCount == 60_500) && p.Items.Any(v => v.ViewCount == 9_000));
        Assert.Equal(["aaaaaaaaaaa", "ccccccccccc", "bbbbbbbbbbb"], byViews.Items.Select(v => v.VideoId));
        Assert.Equal(3, byViews.Total);

        var byHour = await reader.ListAsync(new VideoQuery(1, 10, VideoSort.Change1h), Cancel);
        Assert.Equal(["bbbbbbbbbbb", "ccccccccccc", "aaaaaaaaaaa"], byHour.Items.Select(v => v.VideoId));
        Assert.Equal(8_000, byHour.Items[0].ViewsChange1h); // 9,000 now, 1,000 at the last sample before the hour began

        var byDay = await reader.ListAsync(new VideoQuery(1, 10, VideoSort.Change24h), Cancel);
        Assert.Equal(["ccccccccccc", "bbbbbbbbbbb", "aaaaaaaaaaa"], byDay.Items.Select(v => v.VideoId));
        Assert.Equal(50_500, byDay.Items[0].ViewsChange24h);

        // The bot's /top reads the same leaderboards.
        var leaderboard = (IVideoLeaderboard)reader;
        var hourMovers = await leaderboard.TopMoversAsync(TimeSpan.FromHours(1), 2, Cancel);
        Assert.Equal([("bbbbbbbbbbb", 8_000L), ("ccccccccccc", 500L)], hourMovers.Select(m => (m.VideoId, m.ViewsGained)));
        var dayMovers = await leaderboard.TopMoversAsync(TimeSpan.FromDays(1), 1, Cancel);
        Assert.Equal([("ccccccccccc", 50_500L)], dayMovers.Select(m => (m.VideoId, m.ViewsGained)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Should_page_filter_by_channel_and_find_one_video(string kind)
    {
        var (writer, reader, _) = await Create(kind);
        writer.Publish(Summary("aaaaaaaaaaa", 0, 300, channel: "UCone"));
        writer.Publish(Summary("bbbbbbbbbbb", 0, 200, channel: "UCtwo"));
        writer.Publish(Summary("ccccccccccc", 0, 100, channel: "UCone"));

        await Until(reader, new VideoQuery(1, 10, VideoSort.Views), p => p.Total == 3);
        var second = await reader.ListAsync(new VideoQuery(2, 2, VideoSort.Views), Cancel);
        Assert.Equal(["ccccccccccc"], second.Items.Select(v => v.VideoId));
        Assert.Equal(3, second.Total);

        var one = await reader.ListAsync(new VideoQuery(1, 10, VideoSort.Views, "UCone"), Cancel);
        Assert.Equal(["aaaaaaaaaaa", "ccccccccccc"], one.Items.Select(v => v.VideoId));
        Assert.Equal(2, one.Total);

        var found = await reader.FindAsync("bbbbbbbbbbb", Cancel);
        Assert.Equal("<b>bbbbbbbbbbb</b>", found!.Title);
        Assert.Null(found.CommentCount);
        Assert.Null(await reader.FindAsync("zzzzzzzzzzz", Cancel));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Should_keep_the_newest_sample_when_an_older_one_arrives_late(string kind)
    {
        var (writer, reader, _) = await Create(kind);
        writer.Publish(Summary("aaaaaaaaaaa", 10, 500));
        writer.Publish(Summary("aaaaaaaaaaa", 5, 400));
        writer.Publish(Summary("bbbbbbbbbbb", 0, 1)); // written after both: once it is there, so is the outcome for "aaaaaaaaaaa"

        await Until(reader, new VideoQuery(1, 10, VideoSort.Views), p => p.Total == 2);
        Assert.Equal(500, (await reader.FindAsync("aaaaaaaaaaa", Cancel))!.ViewCount);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Should_list_each_video_with_its_thumbnail_and_a_sparkline_and_add_up_the_gains(string kind)
    {
        var (writer, reader, _) = await Create(kind);
        for (var minute = 0; minute <= 5; minute++)
            writer.Publish(Summary("aaaaaaaaaaa", minute, 100 + minute * 100) with { ThumbnailUrl = "https://i.ytimg.com/vi/aaaaaaaaaaa/mqdefault.jpg" });
        writer.Publish(Summary("bbbbbbbbbbb", 0, 1_000));
        writer.Publish(Summary("bbbbbbbbbbb", 30, 1_050));
        writer.Publish(Summary("bbbbbbbbbbb", 120, 1_070));

        var page = await Until(reader, new VideoQuery(1, 10, VideoSort.Views),
            p => p.Items.Any(v => v.ViewCount == 600) && p.Items.Any(v => v.ViewCount == 1_070));
        var a = page.Items.Single(v => v.VideoId == "aaaaaaaaaaa");
        Assert.Equal("https://i.ytimg.com/vi/aaaaaaaaaaa/mqdefault.jpg", a.ThumbnailUrl);
        Assert.Equal([100L, 200, 300, 400, 500, 600], a.ViewsSparkline); // one point a minute, ending with the latest
        var b = page.Items.Single(v => v.VideoId == "bbbbbbbbbbb");
        Assert.Null(b.ThumbnailUrl);
        Assert.Equal([1_000L, 1_050, 1_070], b.ViewsSparkline);

        // a gained 500 in its hour, b 20 since minute 30 (the newest point before its hour began) and 70 over the day.
        Assert.Equal(new ReadSideTotals(2, 500 + 20, 500 + 70), await reader.TotalsAsync(Cancel));
    }

    [Fact]
    public async Task Should_read_a_redis_item_stored_before_it_had_a_thumbnail_and_a_sparkline()
    {
        var prefix = RedisTestServer.UniquePrefix();
        var cache = await Redis(prefix);
        // What the code before issue 22 stored under {prefix}video:{id}.
        const string stored = """
            {"videoId":"aaaaaaaaaaa","title":"Old","channelId":"UCone","channelTitle":"Channel","viewCount":42,"likeCount":4,
             "commentCount":null,"observedAt":"2026-12-01T10:00:00+00:00","sampleCount":3,"alertCount":0,"lastAlertAt":null,
             "viewsChange1h":2,"viewsChange24h":5}
            """;
        await _redis!.GetDatabase().StringSetAsync(prefix + "video:aaaaaaaaaaa", stored);

        var read = await cache.FindAsync("aaaaaaaaaaa", Cancel);

        Assert.Equal(42, read!.ViewCount);
        Assert.Null(read.ThumbnailUrl);
        Assert.Null(read.ViewsSparkline);
    }

    [Fact]
    public async Task Should_push_an_update_written_by_one_node_to_every_node()
    {
        var prefix = RedisTestServer.UniquePrefix();
        var processingNode = await Redis(prefix);
        var apiNode = await Redis(prefix);
        var heard = new List<VideoListItem>();
        using var _ = apiNode.Subscribe(v => { lock (heard) heard.Add(v); });

        processingNode.Publish(Summary("aaaaaaaaaaa", 0, 42));

        await Eventually.Holds(() => { lock (heard) Assert.Contains(heard, v => v.VideoId == "aaaaaaaaaaa" && v.ViewCount == 42); },
            cancellationToken: Cancel);
        Assert.Equal(42, (await apiNode.FindAsync("aaaaaaaaaaa", Cancel))!.ViewCount);
    }

    [Fact]
    public async Task Should_report_unhealthy_when_redis_does_not_answer()
    {
        await using var nowhere = await ConnectionMultiplexer.ConnectAsync(
            new ConfigurationOptions { EndPoints = { "127.0.0.1:1" }, AbortOnConnectFail = false, ConnectTimeout = 500 });
        var cache = new RedisLatestStatsCache(nowhere, TimeSpan.FromDays(1), NullLogger<RedisLatestStatsCache>.Instance);
        _owned.Add(cache);

        var result = await cache.CheckAsync(Cancel);

        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, result.Status);
        Assert.DoesNotContain("127.0.0.1", result.Description);
    }
}
