using System.Net.Http.Json;
using System.Text.Json;
using YouTubeAnalytics.Reliability.Tests.HostileInput;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Reliability.Tests.Faults;

/// <summary>
/// The real host polling the fake YouTube every second while it misbehaves: 5xx bursts (retried, then a round given
/// up), truncated JSON, a playlist whose page token loops, counts that go down, counts as absurd strings, a video
/// that disappears and comes back, and finally quotaExceeded. Oracle: every sample YouTube served with a readable
/// view count is persisted exactly once, nothing else is; a falling count raises no alert; the loop is cut at
/// the repeat; after quotaExceeded no call is made; the key is in no log line or exception.
/// </summary>
public sealed class YouTubeFaultSpecs : IAsyncLifetime
{
    private const string Category = "YouTube faults";
    private const string Playlist = "PLfaultsLoopingPlaylist000000000000";
    private static readonly string[] Steady = ["steadyVid01", "steadyVid02"];
    private const string Falling = "fallingVid1";
    private const string Absurd = "absurdVid01";
    private const string AbsurdLikes = "absurdLike1";
    private const string Vanishing = "vanishVid01";
    private static readonly string[] InPlaylist = ["listedVid01", "listedVid02"];

    private readonly TestJournal _journal = TestJournal.Sqlite();
    private readonly RecordingAlertSink _sink = new();
    private readonly CapturedLogs _logs = new();
    private FakeYouTubeServer _youtube = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _youtube = await FakeYouTubeServer.StartAsync(FakeSecrets.YouTubeKey);

    public async ValueTask DisposeAsync()
    {
        await _youtube.DisposeAsync();
        _journal.Dispose();
    }

    private static FakeVideo Video(long views) => new(views, views / 100, views / 1000, DateTimeOffset.UtcNow.AddDays(-400));

    private int Served(string id) => _youtube.ServedSamples.GetValueOrDefault(id);

    [Fact]
    public async Task Should_persist_every_served_sample_once_through_a_misbehaving_YouTube()
    {
        var watched = Steady.Concat([Falling, Absurd, AbsurdLikes, Vanishing]).ToArray();
        foreach (var id in watched.Concat(InPlaylist))
            _youtube.Videos[id] = Video(100_000);
        _youtube.Playlists[Playlist] = [.. InPlaylist];
        _youtube.LoopingPlaylists[Playlist] = true;
        var settings = new Dictionary<string, string?>
        {
            ["YouTube:ApiKey"] = FakeSecrets.YouTubeKey,
            ["YouTube:BaseUrl"] = _youtube.BaseUrl,
            ["YouTube:PollInterval"] = "00:00:01",
            ["YouTube:ExpandInterval"] = "00:00:03",
            ["Watch:Playlists:0"] = Playlist,
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:System.Net.Http"] = "Trace",
        };
        for (var i = 0; i < watched.Length; i++)
            settings[$"Watch:Videos:{i}"] = watched[i];

        int expansions;
        await using (var host = new AppFactory(_journal, _sink, source: null, settings, _logs))
        {
            using var client = host.CreateClient();
            await Eventually.Holds(() => Assert.True(Served(InPlaylist[0]) >= 2 && Served(Steady[0]) >= 3), TimeSpan.FromSeconds(60), Cancel);

            // 5xx: two answered, then retried to success; then truncated JSON; then three in a row (the round is given up).
            _youtube.FailNext("videos.list", 503, FakeYouTubeServer.ErrorBody(503, "backendError", "Backend Error"));
            _youtube.FailNext("videos.list", 500, "<html>Internal Server Error</html>");
            await AfterRoundsAsync(2);
            _youtube.FailNext("videos.list", 200, """{"kind":"youtube#videoListResponse","items":[{"id":"steadyVid01","statistics":{"viewCount":"1""");
            await AfterRoundsAsync(2);
            for (var i = 0; i < 3; i++)
                _youtube.FailNext("videos.list", 502, "Bad Gateway");
            await AfterRoundsAsync(2);

            // Counts that go down, counts as absurd strings, a video that disappears (and later comes back).
            _youtube.Videos[Falling] = Video(50_000);
            _youtube.Videos[Absurd] = Video(100_000) with { ViewCountText = "lots" };
            _youtube.Videos[AbsurdLikes] = Video(150_000) with { LikeCountText = "-5" };
            _youtube.Videos.TryRemove(Vanishing, out _);
            await AfterRoundsAsync(3);
            _youtube.Videos[Absurd] = Video(100_000) with { ViewCountText = "99999999999999999999999999999" };
            _youtube.Videos[Falling] = Video(10);
            await AfterRoundsAsync(3);
            _youtube.Videos[Absurd] = Video(100_000) with { ViewCountText = "1e9" };
            _youtube.Videos[Vanishing] = Video(120_000);
            await Eventually.Holds(() => Assert.True(Served(Vanishing) >= 2), TimeSpan.FromSeconds(60), Cancel); // checked again at the quiet cadence

            // quotaExceeded: the poller stops calling until midnight Pacific and says so.
            _youtube.QuotaGone = true;
            await Eventually.Holds(async () =>
            {
                var health = await client.GetFromJsonAsync<JsonElement>("/health", Cancel);
                Assert.Equal("Degraded", health.GetProperty("checks").GetProperty("youtube").GetProperty("status").GetString());
            }, TimeSpan.FromSeconds(30), Cancel);
            var callsAtBlock = _youtube.RequestUrls.Count;
            var servedAtBlock = watched.Concat(InPlaylist).ToDictionary(id => id, Served);

            // Every sample served is persisted once; then the host is stopped with nothing left in flight.
            await Eventually.Holds(() =>
            {
                foreach (var (id, served) in servedAtBlock)
                    Assert.Equal(served, Persisted(id));
            }, TimeSpan.FromSeconds(30), Cancel);
            await Task.Delay(TimeSpan.FromSeconds(3), Cancel); // three poll periods in which a call would show up
            Assert.Equal(callsAtBlock, _youtube.RequestUrls.Count);
            expansions = _youtube.RequestUrls.Count(u => u.Contains("playlistItems", StringComparison.Ordinal) && !u.Contains("pageToken", StringComparison.Ordinal));
        }

        var ids = watched.Concat(InPlaylist).ToList();
        var served = ids.Sum(Served);
        var persisted = ids.Sum(Persisted);
        var distinct = ids.Sum(DistinctPersisted);
        var lost = ids.Sum(id => Math.Max(0, Served(id) - Persisted(id)));
        Assert.Equal(served, persisted);
        Assert.Equal(persisted, distinct);
        Assert.True(Served(Absurd) < Served(Steady[0]), "the absurd counts were served and skipped");
        Assert.DoesNotContain(_sink.Delivered, a => a.VideoId == Falling && a.Breaches.Any(b => b.Current < b.Previous));
        var pageCalls = _youtube.RequestUrls.Count(u => u.Contains("playlistItems", StringComparison.Ordinal));
        Assert.True(pageCalls <= expansions * 2, $"{pageCalls} playlist pages read in {expansions} expansions of a looping playlist");
        Assert.Contains(_logs.Lines, l => l.Contains("repeated a page token", StringComparison.Ordinal));

        var leaks = FakeSecrets.Leaks(_logs.Lines.Select(l => ("log", l)).Concat(_youtube.RequestUrls.Select(u => ("url", u))));
        Assert.True(leaks.Count == 0, "secrets shown: " + string.Join("; ", leaks.Select(l => $"{l.Secret} in {l.Where}")));

        ReliabilityFigures.Record(Category, "samples served through 5xx, truncated JSON, odd counts, a vanishing video, quotaExceeded",
            served, distinct, lost, persisted - distinct);
        ReliabilityFigures.Record(Category, $"page token loop: pages read in {expansions} expansions (at most 2 each)",
            pageCalls, Math.Min(pageCalls, expansions * 2), 0, Math.Max(0, pageCalls - expansions * 2));
        ReliabilityFigures.Record("secrets never shown", "YouTube faults at Trace: log lines and request URLs", _logs.Lines.Count + _youtube.RequestUrls.Count,
            _logs.Lines.Count + _youtube.RequestUrls.Count - leaks.Count, leaks.Count, 0);
    }

    /// <summary>Waits until the poller made <paramref name="rounds"/> more videos.list calls (answered or not).</summary>
    private async Task AfterRoundsAsync(int rounds)
    {
        var from = _youtube.Units("videos.list");
        await Eventually.Holds(() => Assert.True(_youtube.Units("videos.list") >= from + rounds), TimeSpan.FromSeconds(60), Cancel);
    }

    private long Persisted(string id) =>
        _journal.Scalar($"select count(*) from journal where persistence_id = 'video-{id}' and manifest = 'video.sample-recorded.v1'");

    private long DistinctPersisted(string id) => _journal.Scalar($"""
        select count(distinct json_extract(cast(message as text), '$.sample.observedAt')) from journal
        where persistence_id = 'video-{id}' and manifest = 'video.sample-recorded.v1'
        """);
}
