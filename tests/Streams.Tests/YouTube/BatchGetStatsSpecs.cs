using Microsoft.Extensions.Time.Testing;
using YouTubeAnalytics.Actors.Quota;
using YouTubeAnalytics.Streams.YouTube;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Streams.Tests.YouTube;

/// <summary>
/// The videos:batchGetStats client against the fake server (the public reference's shapes; never tried against the real
/// API): counts read as videos.list's are, one unit a call from the budget the client was given, so a client with a
/// budget of its own spends that bucket and not the videos.list one.
/// </summary>
public sealed class BatchGetStatsSpecs : IAsyncLifetime
{
    private static readonly DateTimeOffset Published = new(2009, 10, 25, 6, 57, 33, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 3, 12, 0, 0, TimeSpan.Zero));
    private FakeYouTubeServer _youtube = null!;
    private PollerHarness _harness = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _youtube = await FakeYouTubeServer.StartAsync();
        _youtube.Videos["dQw4w9WgXcQ"] = new FakeVideo(1_712_345_678, null, 2_412_345, Published);
        _youtube.Videos["jNQXAC9IVRw"] = new FakeVideo(371_234_567, 17_000_000, null, Published.AddYears(-4));
        _harness = new PollerHarness(_youtube, [], _clock);
    }

    public async ValueTask DisposeAsync()
    {
        _harness.Dispose();
        await _youtube.DisposeAsync();
    }


    [Fact]
    public async Task Should_read_the_counts_of_the_videos_asked_for()
    {
        var answer = await _harness.Client.BatchGetStatsAsync(["dQw4w9WgXcQ", "jNQXAC9IVRw", "xxxxxxxxxxx"], Cancel);

        Assert.Empty(answer.Skipped);
        var rick = answer.Videos.Single(v => v.Id == "dQw4w9WgXcQ");
        Assert.Equal((1_712_345_678L, (long?)null, (long?)2_412_345), (rick.ViewCount!.Value, rick.LikeCount, rick.CommentCount));
        Assert.Equal(Published, rick.PublishedAt);
        Assert.Null(rick.Title); // counts only: the snippet has no title
        var zoo = answer.Videos.Single(v => v.Id == "jNQXAC9IVRw");
        Assert.Equal((17_000_000L, (long?)null), (zoo.LikeCount!.Value, zoo.CommentCount));
        Assert.DoesNotContain(answer.Videos, v => v.Id == "xxxxxxxxxxx");

        var url = Assert.Single(_youtube.RequestUrls);
        Assert.StartsWith("/youtube/v3/videos:batchGetStats?part=snippet,statistics&id=", url);
        Assert.DoesNotContain(FakeYouTubeServer.ValidKey, url);
        Assert.Equal(1, _youtube.Units(YouTubeClient.BatchGetStatsMethod));
        Assert.Equal(0, _harness.Budget.Spent); // its own bucket, not the Data API's
        Assert.Equal(1, _harness.Budget.SpentOf(QuotaBuckets.BatchGetStats));
    }

    [Fact]
    public async Task Should_spend_its_own_bucket_and_stop_at_its_limit_while_videos_list_goes_on()
    {
        using var harness = new PollerHarness(_youtube, [], _clock, batchGetStatsQuota: 2);
        var batch = harness.Client;

        await batch.BatchGetStatsAsync(["dQw4w9WgXcQ"], Cancel);
        await batch.BatchGetStatsAsync(["dQw4w9WgXcQ"], Cancel);
        var refused = await Assert.ThrowsAsync<YouTubeApiException>(() => batch.BatchGetStatsAsync(["dQw4w9WgXcQ"], Cancel));

        Assert.Equal(YouTubeFailure.QuotaExhausted, refused.Failure);
        Assert.Contains("YouTube:BatchGetStatsQuota = 2 units", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, _youtube.Units(YouTubeClient.BatchGetStatsMethod)); // the third call was never sent
        Assert.Equal(0, harness.Budget.Spent);
        Assert.Equal(2, harness.Budget.SpentOf(QuotaBuckets.BatchGetStats));
        var listed = await batch.ListVideosAsync(["dQw4w9WgXcQ"], Cancel);
        Assert.Equal(1_712_345_678, Assert.Single(listed.Videos).ViewCount);
        Assert.Equal(1, harness.Budget.Spent);
    }
}
