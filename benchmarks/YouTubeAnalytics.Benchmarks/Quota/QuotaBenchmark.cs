using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using YouTubeAnalytics.Actors.Watchlist;
using YouTubeAnalytics.Benchmarks.Support;
using YouTubeAnalytics.Streams.YouTube;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Benchmarks.Quota;

/// <summary>
/// Units spent per 1,000 refreshes: the production poller (YouTubeClient, QuotaBudget, PollSchedule) against the fake
/// YouTube server's unit counter, one round a minute for an hour on a fake clock, with a fixed watchlist of videos; and
/// the capacity of one Google project at a 5-minute cadence with one bucket and with both (<see cref="QuotaCapacity"/>:
/// computed from the limits, not measured).
/// </summary>
public static class QuotaBenchmark
{
    public const string Section = "quota";
    public const double Limit = 20;

    public static async Task<List<Figure>> RunAsync(BenchmarkPlan plan)
    {
        var start = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
        await using var server = await FakeYouTubeServer.StartAsync();
        var ids = Enumerable.Range(0, plan.QuotaVideos).Select(i => Samples.VideoId('q', i)).ToList();
        foreach (var id in ids)
            server.Videos[id] = new FakeVideo(1_000, 10, 1, start.AddHours(-3));

        await using var services = new ServiceCollection()
            .AddHttpClient("youtube", c => c.BaseAddress = new Uri(server.BaseUrl)).Services
            .BuildServiceProvider();
        var clock = new FakeTimeProvider(start);
        var budget = QuotaBudget.Local(clock);
        var client = new YouTubeClient(services.GetRequiredService<IHttpClientFactory>().CreateClient("youtube"),
            FakeYouTubeServer.ValidKey, budget, new YouTubeRetry(3, TimeSpan.FromMilliseconds(10)), NullLogger<YouTubeClient>.Instance);
        var poller = new YouTubePoller(client, budget, new YouTubeStatus(), new FixedWatchlist(ids),
            YouTubePollerSettings.For(TimeSpan.FromMinutes(5)), clock, NullLogger<YouTubePoller>.Instance);

        var refreshes = 0;
        for (var minute = 0; minute < 60; minute++)
        {
            refreshes += (await poller.RunRoundAsync(CancellationToken.None)).Count;
            clock.Advance(TimeSpan.FromMinutes(1));
        }
        var units = server.TotalUnits;
        var perThousand = units * 1000.0 / refreshes;
        Console.WriteLine($"  {units} units for {refreshes} refreshes: {perThousand:0.##} per 1,000 (limit {Limit})");
        var scale = $"{plan.QuotaVideos:N0} watched videos, 1 h of rounds a minute apart: {refreshes:N0} refreshes, {units:N0} units";
        // Computed from the limits, not measured: what one Google project follows at a 5-minute cadence.
        var fiveMinutes = TimeSpan.FromMinutes(5);
        var oneBucket = QuotaCapacity.OneBucket(10_000, fiveMinutes);
        var (videos, channels) = QuotaCapacity.BothBuckets(10_000, 10_000, fiveMinutes);
        Console.WriteLine($"  computed: one bucket {oneBucket} videos and channels every 5 min; both buckets {videos} videos + {channels} channels");
        return
        [
            new Figure(Section, "quota.units-per-1000-refreshes", "units per 1,000 refreshes (fake YouTube server)", perThousand, "units", scale),
            new Figure(Section, "quota.limit", "the issue's limit", Limit, "units", "per 1,000 refreshes"),
            new Figure(Section, "quota.capacity.one-bucket", "videos and channels together every 5 min, one bucket (computed, not measured)",
                oneBucket, "items", "YouTube:DailyQuota 10,000, StatsEndpoint videos.list"),
            new Figure(Section, "quota.capacity.both.videos", "videos every 5 min, both buckets (computed, not measured)",
                videos, "videos", "YouTube:BatchGetStatsQuota 10,000, StatsEndpoint both"),
            new Figure(Section, "quota.capacity.both.channels", "channels every 5 min beside them, both buckets (computed, not measured)",
                channels, "channels", "YouTube:DailyQuota 10,000 less the videos' daily descriptions"),
        ];
    }

    /// <summary>A watchlist of plain videos that never changes (no playlists to expand).</summary>
    private sealed class FixedWatchlist(IReadOnlyList<string> ids) : IWatchlist
    {
        public Task<WatchlistQueries.WatchlistReply> CurrentAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new WatchlistQueries.WatchlistReply([.. ids.Select(WatchTarget.Video)], ids));

        public Task<IReadOnlyList<string>> RecordDiscoveredAsync(WatchTarget collection, IReadOnlyList<string> videoIds, DateTimeOffset at, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>([]);

        public Task<TargetHealth> RecordTargetHealthAsync(WatchTarget collection, string? failureReason, DateTimeOffset at, CancellationToken cancellationToken) =>
            Task.FromResult(TargetHealth.Unknown(collection));
    }
}
