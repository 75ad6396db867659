using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Alerts.Summary;
using YouTubeAnalytics.Actors.ReadSide;
using YouTubeAnalytics.Streams.Telegram;

namespace YouTubeAnalytics.Streams.Tests.Telegram;

/// <summary><see cref="DailySummaryHtml"/>: what a chat's daily summary says, escaped and split.</summary>
public sealed class DailySummaryHtmlSpecs
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly DueSummary Due = new(-100123, new DateOnly(2026, 3, 2), At);

    private static Alert Alert(string id, string videoId, string title, Breach breach) =>
        new(id, videoId, title, "Chan", At.AddHours(-3), 1_000_100, null, null, [breach]);

    private static readonly Breach Milestone = new("milestone:views:1000000", Metric.Views, 999_000, 1_000_100, 1_100, 0.11m, TimeSpan.FromMinutes(5), 1_000_000);
    private static readonly Breach Surge = new("velocity:views", Metric.Views, 10_000, 22_400, 12_400, null, TimeSpan.FromHours(1), UsualPerHour: 3_000);
    private static readonly Breach Upload = new("new:video", Metric.Views, 0, 12, 12, null, TimeSpan.Zero);
    private static readonly Breach Ended = new("live:ended", Metric.Viewers, 8_765, 8_765, 0, null, TimeSpan.FromMinutes(95));
    private static readonly Breach Change = new("change:views:5%", Metric.Views, 100_000, 106_000, 6_000, 6m, TimeSpan.FromHours(1));

    [Fact]
    public void Should_list_gainers_milestones_surges_uploads_and_totals_in_one_message()
    {
        var figures = new DailyFigures(At,
            [new VideoMover("dQw4w9WgXcQ", "Tom & <Jerry>", 2_000_000, 54_321), new VideoMover("aaaaaaaaaaa", "Quiet", 10, 0)],
            [
                Alert("m", "dQw4w9WgXcQ", "Tom & <Jerry>", Milestone), Alert("s", "bbbbbbbbbbb", "Burst", Surge),
                Alert("n", "ccccccccccc", "Fresh", Upload), Alert("c", "ddddddddddd", "Steady", Change),
                Alert("l", "eeeeeeeeeee", "On air", Ended),
            ],
            VideosTracked: 42, ViewsGained24h: 60_000);

        var html = Assert.Single(DailySummaryHtml.Build(Due, figures)).Html;

        Assert.StartsWith("<b>Daily summary, 2026-03-02</b>", html);
        Assert.Contains("1. <a href=\"https://youtu.be/dQw4w9WgXcQ\">Tom &amp; &lt;Jerry&gt;</a> +54,321 views (2,000,000)", html);
        Assert.DoesNotContain("Quiet", html); // a video that gained nothing is no gainer
        Assert.Contains("<b>Milestones passed</b>\n• <a href=\"https://youtu.be/dQw4w9WgXcQ\">Tom &amp; &lt;Jerry&gt;</a>: Passed 1,000,000 views", html);
        Assert.Contains("<b>Surges</b>\n• <a href=\"https://youtu.be/bbbbbbbbbbb\">Burst</a>: Views 4.1× faster than usual", html);
        Assert.Contains("<b>New uploads</b>\n• <a href=\"https://youtu.be/ccccccccccc\">Fresh</a>", html);
        Assert.Contains("<b>Streams ended</b>\n• <a href=\"https://youtu.be/eeeeeeeeeee\">On air</a>: Stream ended, peak 8,765 viewers", html);
        Assert.DoesNotContain("Steady", html); // a percent change is counted in the totals, not listed
        Assert.EndsWith("<b>Totals</b>: 42 videos tracked, +60,000 views, 5 alerts in the last 24 h", html);
    }

    [Fact]
    public void Should_leave_out_empty_sections()
    {
        var html = Assert.Single(DailySummaryHtml.Build(Due, new DailyFigures(At, [], [], 0, 0))).Html;

        Assert.Equal("<b>Daily summary, 2026-03-02</b>\n\n<b>Totals</b>: 0 videos tracked, +0 views, 0 alerts in the last 24 h", html);
    }

    [Fact]
    public void Should_split_at_telegrams_limit_at_line_ends()
    {
        var title = new string('x', 100);
        var alerts = Enumerable.Range(0, 400).Select(i => Alert($"m{i}", "dQw4w9WgXcQ", title, Milestone)).ToList();
        var gainers = Enumerable.Range(0, 10).Select(i => new VideoMover("dQw4w9WgXcQ", title, 1, 1)).ToList();

        var messages = DailySummaryHtml.Build(Due, new DailyFigures(At, gainers, alerts, 1, 1), maxLength: 1_000);

        Assert.True(messages.Count > 1);
        Assert.All(messages, m => Assert.InRange(m.Html.Length, 1, 1_000));
        Assert.Contains("… and 390 more", string.Join("\n", messages.Select(m => m.Html)));
        Assert.Single(messages, m => m.Html.Contains("<b>Totals</b>"));
    }
}
