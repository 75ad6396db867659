using YouTubeAnalytics.Actors.Quota;
using YouTubeAnalytics.Streams.YouTube;

namespace YouTubeAnalytics.Streams.Tests.YouTube;

/// <summary>Which due videos go to videos.list and which to videos:batchGetStats, by YouTube:StatsEndpoint and the buckets open.</summary>
public sealed class RefreshPlanSpecs
{
    private static readonly IReadOnlyList<IReadOnlyList<string>> Due = [["live0000000", "new00000000", "old00000000", "stale000000"]];

    private static IReadOnlyList<PlannedCall> Plan(StatsEndpoint endpoint, bool dataApiOpen = true, bool batchOpen = true) =>
        RefreshPlan.For(Due, endpoint, id => id.StartsWith("live", StringComparison.Ordinal),
            id => !id.StartsWith("new", StringComparison.Ordinal), id => id.StartsWith("stale", StringComparison.Ordinal),
            dataApiOpen, batchOpen);

    private static string Shape(IReadOnlyList<PlannedCall> calls) =>
        string.Join(" | ", calls.Select(c => $"{c.Method}/{c.Purpose}: {string.Join(",", c.Ids.Select(id => id[..3]))}"));

    [Fact]
    public void Should_keep_the_schedules_batches_with_videos_list() =>
        Assert.Equal("videos.list/video-refresh: liv,new,old,sta", Shape(Plan(StatsEndpoint.VideosList)));

    [Fact]
    public void Should_list_broadcasts_new_and_stale_descriptions_and_count_the_rest_with_both() =>
        Assert.Equal("videos.list/live: liv | videos.list/video-refresh: new,sta | videos.batchGetStats/video-refresh: old",
            Shape(Plan(StatsEndpoint.Both)));

    [Fact]
    public void Should_count_every_described_video_with_batchGetStats_alone() =>
        Assert.Equal("videos.list/video-refresh: new | videos.batchGetStats/video-refresh: liv,old,sta",
            Shape(Plan(StatsEndpoint.BatchGetStats)));

    [Fact]
    public void Should_fall_back_to_videos_list_while_the_batchGetStats_bucket_is_gone() =>
        Assert.Equal("videos.list/video-refresh: liv,new,old,sta", Shape(Plan(StatsEndpoint.Both, batchOpen: false)));

    [Fact]
    public void Should_count_described_videos_with_batchGetStats_while_the_data_api_bucket_is_gone()
    {
        var calls = Plan(StatsEndpoint.Both, dataApiOpen: false);
        Assert.Equal("videos.batchGetStats/video-refresh: liv,old,sta", Shape(calls)); // the new one waits for a description
        Assert.All(calls, c => Assert.Equal(QuotaBuckets.BatchGetStats, c.Bucket));
        Assert.Empty(Plan(StatsEndpoint.VideosList, dataApiOpen: false));
    }
}
