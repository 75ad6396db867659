using YouTubeAnalytics.Actors.Bot;
using YouTubeAnalytics.Actors.Watchlist;

namespace YouTubeAnalytics.Actors.Tests.Bot;

public sealed class BotCommandParserSpecs
{
    private const string Video = "dQw4w9WgXcQ";

    [Theory]
    [InlineData("/watch dQw4w9WgXcQ")]
    [InlineData("/watch https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42")]
    [InlineData("/watch@yt_analytics_bot https://youtu.be/dQw4w9WgXcQ")]
    [InlineData("/WATCH   youtu.be/dQw4w9WgXcQ  ")]
    public void Should_read_a_watch_command_in_any_common_form(string text) =>
        Assert.Equal(new BotCommand.Watch(WatchTarget.Video(Video)), BotCommandParser.Parse(text, "yt_analytics_bot"));

    [Fact]
    public void Should_read_playlists_and_channels_to_watch()
    {
        Assert.Equal(
            new BotCommand.Watch(WatchTarget.Playlist("PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf")),
            BotCommandParser.Parse("/watch https://www.youtube.com/playlist?list=PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf", null));
        Assert.Equal(new BotCommand.Watch(WatchTarget.Channel("@GoogleDevelopers")), BotCommandParser.Parse("/watch @GoogleDevelopers", null));
    }

    [Fact]
    public void Should_read_a_channel_command_by_id_or_handle_and_refuse_anything_else()
    {
        Assert.Equal(new BotCommand.Channel("UCuAXFkgsw1L7xaCfnd5JJOw"), BotCommandParser.Parse("/channel UCuAXFkgsw1L7xaCfnd5JJOw", null));
        Assert.Equal(new BotCommand.Channel("@rickastleyyt"), BotCommandParser.Parse("/channel@yt_analytics_bot @rickastleyyt", "yt_analytics_bot"));
        foreach (var text in new[] { "/channel", "/channel dQw4w9WgXcQ", "/channel @x", "/channel UC a" })
            Assert.Equal("channel", Assert.IsType<BotCommand.Invalid>(BotCommandParser.Parse(text, null)).Name);
    }

    [Theory]
    [InlineData("/watch")]
    [InlineData("/watch a b")]
    [InlineData("/watch https://vimeo.com/12345")]
    [InlineData("/watch ../../etc/passwd")]
    public void Should_refuse_a_watch_it_cannot_read_saying_why(string text)
    {
        var invalid = Assert.IsType<BotCommand.Invalid>(BotCommandParser.Parse(text, null));
        Assert.Equal("watch", invalid.Name);
        Assert.NotEmpty(invalid.Reason);
    }

    [Fact]
    public void Should_ignore_plain_text_and_commands_for_another_bot()
    {
        Assert.IsType<BotCommand.NotForUs>(BotCommandParser.Parse("hello there", "yt_analytics_bot"));
        Assert.IsType<BotCommand.NotForUs>(BotCommandParser.Parse("", "yt_analytics_bot"));
        Assert.IsType<BotCommand.NotForUs>(BotCommandParser.Parse(null, "yt_analytics_bot"));
        Assert.IsType<BotCommand.NotForUs>(BotCommandParser.Parse("/list@some_other_bot", "yt_analytics_bot"));
        Assert.IsType<BotCommand.List>(BotCommandParser.Parse("/list@YT_Analytics_Bot", "yt_analytics_bot"));
    }

    [Fact]
    public void Should_read_the_query_commands()
    {
        Assert.IsType<BotCommand.List>(BotCommandParser.Parse("/list", null));
        Assert.IsType<BotCommand.Top>(BotCommandParser.Parse("/top", null));
        Assert.IsType<BotCommand.Help>(BotCommandParser.Parse("/help", null));
        Assert.IsType<BotCommand.Help>(BotCommandParser.Parse("/start", null));
        Assert.Equal(new BotCommand.Stats(Video), BotCommandParser.Parse($"/stats https://youtu.be/{Video}", null));
        Assert.Equal(new BotCommand.Unwatch(Video), BotCommandParser.Parse($"/unwatch {Video}", null));
        Assert.Equal(new BotCommand.Unknown("frobnicate"), BotCommandParser.Parse("/frobnicate now", null));
    }

    [Fact]
    public void Should_refuse_stats_of_something_that_is_not_a_video() =>
        Assert.IsType<BotCommand.Invalid>(BotCommandParser.Parse("/stats @GoogleDevelopers", null));

    [Theory]
    [InlineData("/mute dQw4w9WgXcQ", 24 * 60)]
    [InlineData("/mute dQw4w9WgXcQ 30m", 30)]
    [InlineData("/mute dQw4w9WgXcQ 6h", 6 * 60)]
    [InlineData("/mute dQw4w9WgXcQ 2d", 2 * 24 * 60)]
    [InlineData("/mute dQw4w9WgXcQ 1W", 7 * 24 * 60)]
    public void Should_read_a_mute_with_its_duration(string text, int minutes) =>
        Assert.Equal(new BotCommand.Mute(Video, TimeSpan.FromMinutes(minutes)), BotCommandParser.Parse(text, null));

    [Fact]
    public void Should_read_an_unmute_both_ways()
    {
        Assert.Equal(new BotCommand.Mute(Video, null), BotCommandParser.Parse($"/mute {Video} off", null));
        Assert.Equal(new BotCommand.Mute(Video, null), BotCommandParser.Parse($"/unmute {Video}", null));
    }

    [Theory]
    [InlineData("/mute dQw4w9WgXcQ 0h")]
    [InlineData("/mute dQw4w9WgXcQ -1h")]
    [InlineData("/mute dQw4w9WgXcQ 400d")]
    [InlineData("/mute dQw4w9WgXcQ soon")]
    [InlineData("/mute dQw4w9WgXcQ 99999999999h")]
    [InlineData("/mute")]
    public void Should_refuse_a_mute_it_cannot_read(string text) =>
        Assert.IsType<BotCommand.Invalid>(BotCommandParser.Parse(text, null));

    [Fact]
    public void Should_read_thresholds()
    {
        Assert.Equal(new BotCommand.Threshold(12.5m), BotCommandParser.Parse("/threshold 12.5", null));
        Assert.Equal(new BotCommand.Threshold(10m), BotCommandParser.Parse("/threshold 10%", null));
        Assert.Equal(new BotCommand.Threshold(null), BotCommandParser.Parse("/threshold off", null));
        Assert.Equal(new BotCommand.Threshold(null, Show: true), BotCommandParser.Parse("/threshold", null));
    }

    [Theory]
    [InlineData("/threshold -5")]
    [InlineData("/threshold 0")]
    [InlineData("/threshold NaN")]
    [InlineData("/threshold 1e9")]
    [InlineData("/threshold 5 6")]
    public void Should_refuse_a_threshold_that_is_not_a_positive_percentage(string text) =>
        Assert.IsType<BotCommand.Invalid>(BotCommandParser.Parse(text, null));

    [Theory]
    [InlineData("/summary 08:00", "08:00 UTC")]
    [InlineData("/summary 7:30 Europe/Berlin", "07:30 Europe/Berlin")]
    [InlineData("/summary OFF", null)]
    public void Should_read_a_daily_summary_time_or_off(string text, string? schedule) =>
        Assert.Equal(schedule, Assert.IsType<BotCommand.Summary>(BotCommandParser.Parse(text, null)).Schedule?.ToString());

    [Theory]
    [InlineData("/summary", "usage: /summary HH:MM")]
    [InlineData("/summary 24:00", "a daily summary time is HH:MM")]
    [InlineData("/summary eight", "a daily summary time is HH:MM")]
    [InlineData("/summary 08:00 Mars/Olympus", "Mars/Olympus is not an IANA time zone")]
    [InlineData("/summary 08:00 Europe/Berlin extra", "usage: /summary HH:MM")]
    public void Should_say_why_a_daily_summary_time_is_refused(string text, string reason) =>
        Assert.StartsWith(reason, Assert.IsType<BotCommand.Invalid>(BotCommandParser.Parse(text, null)).Reason);
}
