using Microsoft.Extensions.Time.Testing;
using YouTubeAnalytics.Actors.Watchlist;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Streams.Tests.YouTube;

/// <summary>
/// One bad target, item or call against the fake YouTube never stops the others (fault suite, "partial failures"):
/// a missing playlist beside good videos, an unreadable item, foreign ids and an odd charset in one answer, a failed call.
/// </summary>
public sealed class PartialFailureSpecs(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Category = "partial failures";
    private const string Missing = "PLmissingPlaylist0123456789";
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private FakeYouTubeServer _server = null!;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await FakeYouTubeServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private List<string> Watch(int n, string prefix = "g")
    {
        var ids = PollerHarness.Ids(n, prefix);
        foreach (var id in ids)
            _server.Videos[id] = new FakeVideo(1_000, 10, 1, Start.AddHours(-2)); // new uploads: refreshed every PollInterval
        return ids;
    }

    [Fact]
    public async Task Should_keep_good_videos_on_cadence_and_read_a_missing_playlist_a_few_times_an_hour_across_a_restart()
    {
        var good = Watch(20);
        var clock = new FakeTimeProvider(Start);
        using var harness = new PollerHarness(_server, [.. PollerHarness.Videos(good), WatchTarget.Playlist(Missing)], clock);
        var refreshes = 0;

        for (var minute = 0; minute < 60; minute++)
        {
            refreshes += (await harness.Poller.RunRoundAsync(_ct)).Count;
            clock.Advance(TimeSpan.FromMinutes(1));
        }
        var readsInTheHour = _server.Units("playlistItems.list");
        var health = (await harness.Watchlist.CurrentAsync(_ct)).HealthOf(WatchTarget.Playlist(Missing));

        // 5-minute cadence: 12 refreshes an hour of each good video; backoff 5, 10, 20, 40 min: reads at 0, 5, 15, 35.
        Assert.Equal(20 * 12, refreshes);
        Assert.InRange(readsInTheHour, 1, 4);
        Assert.Equal("failing", health.State);
        Assert.Equal("playlistNotFound (HTTP 404)", health.Reason);
        Assert.Equal(Start, health.FailingSince);
        Assert.True(health.RetryAt > clock.GetUtcNow(), "the next read waits for the backoff");
        Assert.Single(harness.Logs.Lines, l => l.StartsWith("Warning") && l.Contains("cannot be read (playlistNotFound"));

        // A restarted poller on the same (journaled) watchlist keeps the backoff: no read before RetryAt, videos go on.
        using var restarted = new PollerHarness(_server, [], clock, sharedWatchlist: harness.Watchlist);
        Assert.Equal(20, (await restarted.Poller.RunRoundAsync(_ct)).Count);
        Assert.Equal(readsInTheHour, _server.Units("playlistItems.list"));
        clock.Advance(health.RetryAt!.Value - clock.GetUtcNow());
        await restarted.Poller.RunRoundAsync(_ct);
        Assert.Equal(readsInTheHour + 1, _server.Units("playlistItems.list"));

        output.WriteLine($"good videos: {refreshes / 60.0:F1} refreshes a minute (20 videos, 5 min cadence); missing playlist read {readsInTheHour} times in the hour");
        ReliabilityFigures.Record(Category, "missing playlist beside 20 good videos, 1 h fake time: good refreshes served", 20 * 12, refreshes, 20 * 12 - refreshes, 0);
        ReliabilityFigures.Record(Category, "missing playlist: reads in the first hour (the seed: 1 per 30 s round)", 120, 120 - readsInTheHour, 0, 0);
    }

    [Fact]
    public async Task Should_mark_a_channel_that_does_not_exist_failing_and_read_it_again_once_it_does()
    {
        var clock = new FakeTimeProvider(Start);
        var good = Watch(3);
        using var harness = new PollerHarness(_server, [.. PollerHarness.Videos(good), WatchTarget.Channel("@nochannelyet")], clock);

        Assert.Equal(3, (await harness.Poller.RunRoundAsync(_ct)).Count);
        var failing = (await harness.Watchlist.CurrentAsync(_ct)).HealthOf(WatchTarget.Channel("@nochannelyet"));
        Assert.Equal("failing", failing.State);
        Assert.StartsWith("channelNotFound", failing.Reason);

        _server.Channels["UCuAXFkgsw1L7xaCfnd5JJOw"] = ("@nochannelyet", "UUuAXFkgsw1L7xaCfnd5JJOw");
        _server.Playlists["UUuAXFkgsw1L7xaCfnd5JJOw"] = [good[0]];
        clock.Advance(failing.RetryAt!.Value - clock.GetUtcNow());
        await harness.Poller.RunRoundAsync(_ct);

        var health = (await harness.Watchlist.CurrentAsync(_ct)).HealthOf(WatchTarget.Channel("@nochannelyet"));
        Assert.Equal("ok", health.State);
        Assert.Null(health.Reason);
        Assert.Equal(clock.GetUtcNow(), health.LastSuccessAt);
    }

    [Fact]
    public async Task Should_sample_every_healthy_video_of_an_answer_with_an_unreadable_item_foreign_ids_and_a_bogus_charset()
    {
        var ids = Watch(150);
        _server.Videos[ids[7]] = _server.Videos[ids[7]] with { ViewCountAsNumber = true };
        _server.ForeignItemIds.Add("../../../etc/passwd");
        _server.ForeignItemIds.Add(new string('x', 300));
        _server.ForeignItemIds.Add("zzzzzzzzzzz"); // a valid id nobody asked for
        _server.Charset = "bogus-7";
        var clock = new FakeTimeProvider(Start);
        using var harness = new PollerHarness(_server, PollerHarness.Videos(ids), clock);

        var samples = await harness.Poller.RunRoundAsync(_ct);
        clock.Advance(TimeSpan.FromMinutes(5));
        var second = await harness.Poller.RunRoundAsync(_ct);

        var healthy = ids.Where(id => id != ids[7]).Order().ToList();
        Assert.Equal(healthy, samples.Select(s => s.VideoId).Order());
        Assert.Equal(healthy, second.Select(s => s.VideoId).Order());
        Assert.Equal(2 * 3, _server.Units("videos.list")); // 3 calls a round, none failed
        Assert.Single(harness.Logs.Lines, l => l.Contains($"item for {ids[7]} skipped (unreadable"));
        Assert.DoesNotContain(harness.Logs.Lines, l => l.Contains("etc/passwd") || l.Contains(new string('x', 300)));
        Assert.DoesNotContain(harness.Logs.Lines, l => l.Contains($"Video {ids[7]} is no longer returned"));

        var served = healthy.Sum(id => _server.ServedSamples.GetValueOrDefault(id));
        var taken = samples.Count + second.Count;
        ReliabilityFigures.Record(Category, "unreadable item + foreign ids + charset=bogus-7 in one answer: healthy samples", served, taken, served - taken, 0);
    }

    [Fact]
    public async Task Should_end_only_the_failed_call_and_sample_the_other_batches_of_the_round()
    {
        var ids = Watch(120);
        _server.FailNext("videos.list", 400, FakeYouTubeServer.ErrorBody(400, "badRequest", "Bad request."));
        var clock = new FakeTimeProvider(Start);
        using var harness = new PollerHarness(_server, PollerHarness.Videos(ids), clock);

        var first = await harness.Poller.RunRoundAsync(_ct);
        var retried = await harness.Poller.RunRoundAsync(_ct);

        Assert.Equal(70, first.Count);                 // calls 2 and 3 of the round went on
        Assert.Equal(50, retried.Count);                // the failed call's videos were due the next tick
        Assert.Equal(ids.Order(), first.Concat(retried).Select(s => s.VideoId).Order());
        ReliabilityFigures.Record(Category, "one videos.list call of three failing (400): samples of the round", 120, first.Count + retried.Count, 120 - first.Count - retried.Count, 0);
    }
}
