using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Streams.Telegram;

namespace YouTubeAnalytics.Streams.Tests.Telegram;

public sealed class TelegramHtmlSpecs
{
    private static Alert Alert(string id, string? title) => new(
        id, "dQw4w9WgXcQ", title, "Rick & Co", DateTimeOffset.UnixEpoch, 29_611, null, 120,
        [
            new Breach("change:views:5%", Metric.Views, 27_617, 29_611, 1_994, 7.22m, TimeSpan.FromHours(3)),
            new Breach("milestone:views:1000000", Metric.Views, 999_000, 1_000_100, 1_100, 0.11m, TimeSpan.FromMinutes(5), 1_000_000),
        ]);

    [Fact]
    public void Should_escape_the_characters_telegram_reserves() =>
        Assert.Equal("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&lt;&lt;", TelegramHtml.Escape("<a href=\"x\">Tom & Jerry<<"));

    [Fact]
    public void Should_link_the_title_and_put_the_rules_and_totals_into_words()
    {
        var message = TelegramHtml.Single(Alert("a1", "Never <b>Gonna</b>"));

        Assert.Equal(
            "<b><a href=\"https://youtu.be/dQw4w9WgXcQ\">Never &lt;b&gt;Gonna&lt;/b&gt;</a></b> — Rick &amp; Co\n" +
            "Views +7.2% (+1,994) in 3h\nPassed 1,000,000 views\nNow: 29,611 views, 120 comments",
            message.Html);
        Assert.StartsWith("Never <b>Gonna</b> — Rick & Co\n", message.Plain);
        Assert.EndsWith("https://youtu.be/dQw4w9WgXcQ", message.Plain);
        Assert.Equal("https://youtu.be/dQw4w9WgXcQ", message.PreviewUrl);
        Assert.Equal(["a1"], message.AlertIds);
    }

    [Fact]
    public void Should_fall_back_to_the_video_id_without_a_title() =>
        Assert.Contains(">dQw4w9WgXcQ</a>", TelegramHtml.Single(Alert("a1", null)).Html);

    [Fact]
    public void Should_split_a_digest_below_the_limit_keeping_every_alert_once_in_order()
    {
        var alerts = Enumerable.Range(0, 300).Select(i => Alert($"id{i}", new string('&', 100))).ToList();

        var messages = TelegramHtml.Digest(alerts);

        Assert.True(messages.Count > 1);
        Assert.All(messages, m => Assert.InRange(m.Html.Length, 1, TelegramHtml.MaxLength));
        Assert.All(messages, m => Assert.Null(m.PreviewUrl));
        Assert.Equal(alerts.Select(a => a.AlertId), messages.SelectMany(m => m.AlertIds));
        Assert.StartsWith("<b>300 alerts</b>\n• <a href=", messages[0].Html);
    }
}
