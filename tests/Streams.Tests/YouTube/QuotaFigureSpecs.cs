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
}
