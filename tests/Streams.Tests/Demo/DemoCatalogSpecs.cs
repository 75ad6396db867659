using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Streams.Demo;

namespace YouTubeAnalytics.Streams.Tests.Demo;

public sealed class DemoCatalogSpecs
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Should_produce_valid_samples_with_stable_ids()
    {
        var samples = new DemoCatalog(36).SamplesAt(Start).ToList();

        Assert.Equal(36, samples.Count);
        Assert.All(samples, s =>
        {
            Assert.True(VideoId.IsValid(s.VideoId), s.VideoId);
            Assert.Equal(SampleSources.Demo, s.Source);
            Assert.True(s.ViewCount >= 0);
            Assert.Equal(Start, s.ObservedAt);
            Assert.Equal($"https://i.ytimg.com/vi/{s.VideoId}/mqdefault.jpg", s.ThumbnailUrl); // the same URL every run
        });
        Assert.Equal(36, samples.Select(s => s.VideoId).Distinct().Count());
        Assert.Equal(samples.Select(s => s.VideoId), new DemoCatalog(36).SamplesAt(Start).Select(s => s.VideoId));
    }

    [Fact]
    public void Should_continue_the_same_curves_after_a_restart()
    {
        var running = new DemoCatalog(12);
        foreach (var minute in Enumerable.Range(0, 120))
            _ = running.SamplesAt(Start.AddMinutes(minute)).ToList();

        var restarted = new DemoCatalog(12);
        var at = Start.AddMinutes(120);

        Assert.Equal(running.SamplesAt(at), restarted.SamplesAt(at));
    }

    [Fact]
    public void Should_never_count_backwards()
    {
        var catalog = new DemoCatalog(36);
        var previous = new Dictionary<string, VideoStatsObserved>();
        for (var minute = 0; minute < 6 * 60; minute += 2)
        {
            foreach (var s in catalog.SamplesAt(Start.AddMinutes(minute)))
            {
                if (previous.TryGetValue(s.VideoId, out var p))
                {
                    Assert.True(s.ViewCount >= p.ViewCount, $"{s.VideoId} views went from {p.ViewCount} to {s.ViewCount}");
                    Assert.True((s.LikeCount ?? 0) >= (p.LikeCount ?? 0));
                }
                previous[s.VideoId] = s;
            }
        }
    }

    [Fact]
    public void Should_move_like_real_videos_growth_quiet_spikes_hidden_counts_and_new_uploads()
    {
        var catalog = new DemoCatalog(36);
        var hourly = Enumerable.Range(0, 48).Select(h => catalog.SamplesAt(Start.AddHours(h)).ToDictionary(s => s.VideoId)).ToList();

        var growths = new List<double>();
        for (var h = 1; h < hourly.Count; h++)
            foreach (var (id, s) in hourly[h])
                if (hourly[h - 1].TryGetValue(id, out var p) && p.ViewCount > 0)
                    growths.Add((double)(s.ViewCount - p.ViewCount) / p.ViewCount);

        Assert.Contains(growths, g => g > 0.05);          // hours that would alert
        Assert.Contains(growths, g => g < 0.001);         // quiet hours
        Assert.Contains(hourly[0].Values, s => s.LikeCount is null);
        Assert.Contains(hourly[0].Values, s => s.CommentCount is null);
        Assert.Contains(hourly[0].Values, s => s.Title!.Contains('<'));   // titles that must be escaped downstream
        Assert.True(hourly.SelectMany(h => h.Keys).Distinct().Count() > 36, "fresh uploads replace each other over two days");
        var milestonesCrossed = hourly.Zip(hourly.Skip(1)).SelectMany(pair => pair.Item2
            .Where(kv => pair.Item1.TryGetValue(kv.Key, out var p) && Crosses(p.ViewCount, kv.Value.ViewCount)))
            .Count();
        Assert.True(milestonesCrossed > 0, "some video passes a milestone");
    }

    private static bool Crosses(long from, long to) =>
        new long[] { 1_000, 10_000, 100_000, 1_000_000, 10_000_000 }.Any(m => from < m && to >= m);
}
