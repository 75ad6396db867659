using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Streams.Alerts;

namespace YouTubeAnalytics.Streams.Tests.Alerts;

public sealed class AlertTextSpecs
{
    private static readonly Alert Sample = new(
        "abc", "dQw4w9WgXcQ", "Never <b>Gonna</b>", "Rick", DateTimeOffset.UnixEpoch, 29_611, null, 120,
        [
            new Breach("change:views:5%", Metric.Views, 27_617, 29_611, 1_994, 7.22m, TimeSpan.FromHours(3)),
            new Breach("milestone:views:1000000", Metric.Views, 999_000, 1_000_100, 1_100, 0.11m, TimeSpan.FromMinutes(5), 1_000_000),
        ]);

    [Fact]
    public void Should_word_a_change_as_a_person_reads_it() =>
        Assert.Equal("Views +7.2% (+1,994) in 3h", AlertText.Describe(Sample.Breaches[0]));

    [Fact]
    public void Should_log_the_whole_alert_on_one_line() =>
        Assert.Equal(
            "Never <b>Gonna</b> — Rick · Views +7.2% (+1,994) in 3h · Passed 1,000,000 views · Now: 29,611 views, 120 comments · https://youtu.be/dQw4w9WgXcQ",
            LogAlertSink.OneLine(Sample));

    [Theory]
    [InlineData(12_400, 60, 3_024, "Views 4.1× faster than usual: +12,400 in the last hour, usually ~3,000/h")]
    [InlineData(800, 5, 0, "Views picking up from a standstill: +800 in the last 5m, usually ~0/h")]
    public void Should_word_a_surge_as_a_pace_against_the_usual_rate(long gain, int minutes, double usual, string expected) =>
        Assert.Equal(expected, AlertText.Describe(new Breach(
            VelocityRule.RuleName, Metric.Views, 1_000, 1_000 + gain, gain, null, TimeSpan.FromMinutes(minutes), UsualPerHour: usual)));

    [Fact]
    public void Should_word_a_new_upload_with_its_title_channel_age_and_first_counts()
    {
        var first = Actors.Videos.NewUploadRule.AlertFor(
            new Actors.Contracts.VideoStatsObserved("jNQXAC9IVRw", "UC4QobU6STFB0P71PMvOGN5A", "Me at the zoo", "jawed",
                DateTimeOffset.UnixEpoch, 1_234, 56, 7, DateTimeOffset.UnixEpoch.AddHours(2).AddMinutes(5), "youtube")
            { NewUpload = true },
            null, []);

        Assert.Equal(
            "Me at the zoo — jawed · New upload in a watched playlist or channel, published 2h 5m ago · Now: 1,234 views, 56 likes, 7 comments · https://youtu.be/jNQXAC9IVRw",
            LogAlertSink.OneLine(first));
        // An alert raised at discovery by older code (no window, no counts) keeps its old wording.
        Assert.Equal("New upload in a watched playlist or channel",
            AlertText.Describe(new Breach("new:video", Metric.Views, 0, 0, 0, null, TimeSpan.Zero)));
    }

    [Fact]
    public void Should_word_a_milestone() =>
        Assert.Equal("Passed 1,000,000 views", AlertText.Describe(Sample.Breaches[1]));

    [Fact]
    public void Should_leave_hidden_counts_out_of_the_totals() =>
        Assert.Equal("29,611 views, 120 comments", AlertText.Totals(Sample));

    [Theory]
    [InlineData(45, "45s")]
    [InlineData(12 * 60, "12m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(3 * 3600 + 20 * 60, "3h 20m")]
    [InlineData(2 * 86400 + 4 * 3600, "2d 4h")]
    public void Should_shorten_durations(int seconds, string expected) =>
        Assert.Equal(expected, AlertText.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Should_name_the_video_and_link_it()
    {
        var text = AlertText.Plain(Sample);
        Assert.StartsWith("Never <b>Gonna</b> — Rick", text);
        Assert.EndsWith("https://youtu.be/dQw4w9WgXcQ", text);
    }

    [Fact]
    public void Should_word_a_channel_milestone_with_its_subscribers_and_link_the_channel()
    {
        var channel = new Alert(
            "def", "UCuAXFkgsw1L7xaCfnd5JJOw", "Rick Astley", "Rick Astley", DateTimeOffset.UnixEpoch, 2_412_345_678, null, null,
            [new Breach("milestone:subscribers:1000000", Metric.Subscribers, 990_000, 1_000_000, 10_000, 1.01m, TimeSpan.FromMinutes(30), 1_000_000)],
            AlertSubject.Channel, 1_000_000);

        Assert.Equal("Passed 1,000,000 subscribers", AlertText.Describe(channel.Breaches[0]));
        Assert.Equal("1,000,000 subscribers, 2,412,345,678 views", AlertText.Totals(channel));
        Assert.EndsWith("https://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw", AlertText.Plain(channel));
        Assert.Equal("subscribers hidden, 2,412,345,678 views", AlertText.Totals(channel with { SubscriberCount = null }));
    }
}
