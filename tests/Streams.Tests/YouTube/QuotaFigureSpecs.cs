using Microsoft.Extensions.Time.Testing;
using YouTubeAnalytics.Streams.YouTube;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Streams.Tests.YouTube;

/// <summary>
/// The figures of the issue note, measured against the fake server's unit counter. Print them with
/// <c>dotnet test tests/Streams.Tests --filter "FullyQualifiedName~QuotaFigureSpecs" --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class QuotaFigureSpecs(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private FakeYouTubeServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FakeYouTubeServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Should_spend_at_most_20_units_per_1000_refreshes_with_1000_watched_videos()
    {
        var ids = PollerHarness.Ids(1000);
        foreach (var id in ids)
            _server.Videos[id] = new FakeVideo(1_000, 10, 1, Start.AddHours(-3));
        var clock = new FakeTimeProvider(Start);
        using var harness = new PollerHarness(_server, PollerHarness.Videos(ids), clock);

        var refreshes = 0;
        for (var minute = 0; minute < 60; minute++)
        {
            refreshes += (await harness.Poller.RunRoundAsync(TestContext.Current.CancellationToken)).Count;
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        var perThousand = _server.Units("videos.list") * 1000.0 / refreshes;
        output.WriteLine($"FIGURE units per 1,000 refreshes (1,000 watched videos, 1 h): {perThousand:0.##} ({_server.Units("videos.list")} units, {refreshes} refreshes)");
        Assert.Equal(12_000, refreshes);
        Assert.True(perThousand <= 20, $"{perThousand} units per 1,000 refreshes");
    }

    [Fact]
    public async Task Should_refresh_1700_videos_every_5_minutes_on_10000_units_a_day_and_no_more()
    {
        // Measured: one round's cost for N videos, times 288 five-minute rounds a day, against the daily quota.
        var perRound = new Dictionary<int, int>();
        foreach (var n in new[] { 1700, 1701 })
        {
            await using var server = await FakeYouTubeServer.StartAsync();
            var ids = PollerHarness.Ids(n);
            foreach (var id in ids)
                server.Videos[id] = new FakeVideo(1_000, 10, 1, Start.AddHours(-3));
            using var harness = new PollerHarness(server, PollerHarness.Videos(ids), new FakeTimeProvider(Start));
            Assert.Equal(n, (await harness.Poller.RunRoundAsync(TestContext.Current.CancellationToken)).Count);
            perRound[n] = server.Units("videos.list");
        }
        output.WriteLine($"FIGURE largest watchlist refreshed every 5 minutes on 10,000 units/day: 1700 ({perRound[1700]} units/round at 1,700 -> {288 * perRound[1700]}/day; {perRound[1701]} at 1,701 -> {288 * perRound[1701]}/day)");

        Assert.True(288 * perRound[1700] <= 10_000);
        Assert.True(288 * perRound[1701] > 10_000);
    }

    [Fact]
    public void Should_compute_what_one_project_follows_at_a_5_minute_cadence_with_one_bucket_and_with_both()
    {
        var fiveMinutes = TimeSpan.FromMinutes(5);
        var one = QuotaCapacity.OneBucket(10_000, fiveMinutes);
        var (videos, channels) = QuotaCapacity.BothBuckets(10_000, 10_000, fiveMinutes);

        output.WriteLine($"FIGURE (computed, not measured) followed every 5 minutes: one bucket {one} videos and channels together; both buckets {videos} videos + {channels} channels");
        Assert.Equal(1_700, one); // 10,000 units / 288 rounds = 34 calls a round, 50 ids each: as measured above for videos.list
        Assert.Equal((1_700, 1_700), (videos, channels)); // 34 description calls a day leave 9,966 units: still 34 calls a round
    }

    /// <summary>playlistItems.list calls in 24 h for a watched channel with 1,000 uploads (ExpandInterval 30 min), and the new uploads found.</summary>
    private async Task<(int Pages, int Found)> ChannelDayAsync(TimeSpan fullReadInterval)
    {
        const string channel = "UCuAXFkgsw1L7xaCfnd5JJOw";
        const string uploads = "UUuAXFkgsw1L7xaCfnd5JJOw";
        var ids = PollerHarness.Ids(1000, prefix: "u");
        foreach (var id in ids)
            _server.Videos[id] = new FakeVideo(1_000, 10, 1, Start.AddDays(-400));
        _server.Channels[channel] = ("@thousanduploads", uploads);
        _server.Playlists[uploads] = [.. ids]; // newest first, as YouTube lists uploads
        var clock = new FakeTimeProvider(Start);
        var settings = YouTubePollerSettings.For(TimeSpan.FromHours(12)) with { FullReadInterval = fullReadInterval };
        using var harness = new PollerHarness(_server, [YouTubeAnalytics.Actors.Watchlist.WatchTarget.Channel(channel)], clock, settings: settings);
        var before = _server.Units("playlistItems.list");
        var uploaded = new List<string>();
        for (var halfHour = 0; halfHour < 48; halfHour++)
        {
            if (halfHour % 6 == 3)
            {
                // A new upload every 3 h: on top of the list, as YouTube shows it.
                var fresh = $"new{halfHour:D8}";
                _server.Videos[fresh] = new FakeVideo(10, 1, 0, clock.GetUtcNow());
                lock (_server.Playlists[uploads])
                    _server.Playlists[uploads].Insert(0, fresh);
                uploaded.Add(fresh);
            }
            await harness.Poller.RunRoundAsync(TestContext.Current.CancellationToken);
            clock.Advance(TimeSpan.FromMinutes(30));
        }
        var watched = (await harness.Watchlist.CurrentAsync(TestContext.Current.CancellationToken)).VideoIds;
        return (_server.Units("playlistItems.list") - before, uploaded.Count(watched.Contains));
    }

    [Fact]
    public async Task Should_read_a_1000_upload_channel_from_its_first_page_to_the_first_known_video_between_daily_full_reads()
    {
        var (incremental, foundIncrementally) = await ChannelDayAsync(TimeSpan.FromDays(1));
        var (whole, foundWhole) = await ChannelDayAsync(TimeSpan.Zero); // every read whole: the cost before

        output.WriteLine($"FIGURE playlistItems.list units a day, channel with 1,000 uploads, ExpandInterval 30 min: {whole} read whole every time, {incremental} incremental");
        Assert.Equal(8, foundIncrementally);
        Assert.Equal(8, foundWhole);
        Assert.True(whole >= 48 * 20, $"{whole} pages read whole");
        Assert.True(incremental <= 20 + 47 + 1, $"{incremental} pages: one full read, then one page per expansion");
        ReliabilityFigures.Record("partial failures",
            $"channel with 1,000 uploads, 24 h, incremental expansion ({incremental} playlistItems.list units, {whole} read whole): new uploads found",
            8, foundIncrementally, 8 - foundIncrementally, 0);
    }
}
