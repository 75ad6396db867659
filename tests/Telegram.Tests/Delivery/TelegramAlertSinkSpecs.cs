using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Telegram.Bot;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Bot;
using YouTubeAnalytics.Streams.Telegram;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Telegram.Tests.Delivery;

/// <summary>The sink against the fake Bot API over HTTP, with the client configured as the host configures it.</summary>
public sealed class TelegramAlertSinkSpecs : IAsyncLifetime
{
    private const long Chat = 4242;
    private FakeTelegramServer _telegram = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _telegram = await FakeTelegramServer.StartAsync();

    public async ValueTask DisposeAsync() => await _telegram.DisposeAsync();

    private TelegramAlertSink Sink(params long[] chats) => Sink(null, chats);

    private TelegramAlertSink Sink(IAlertPreferences? preferences, params long[] chats)
    {
        var options = new TelegramBotClientOptions(FakeTelegramServer.Token, _telegram.BaseUrl) { RetryCount = 1, RetryThreshold = 0 };
        var sender = new TelegramSender(
            new TelegramBotClient(options, new HttpClient { Timeout = TimeSpan.FromSeconds(5) }), new TelegramThrottle(),
            TelegramRetrySettings.Default with { MinBackoff = TimeSpan.FromMilliseconds(100) },
            NullLogger<TelegramSender>.Instance, TimeProvider.System);
        return new TelegramAlertSink(
            sender, new TelegramDeliverySettings(chats.Length == 0 ? [Chat] : chats), preferences,
            NullLogger<TelegramAlertSink>.Instance, TimeProvider.System);
    }

    [Fact]
    public async Task Should_send_one_alert_as_html_with_the_title_linked_and_the_rule_in_words()
    {
        await Sink().DeliverAsync([Alerts.Change("dQw4w9WgXcQ", "Never Gonna", 29_611)], AlertProgress.None, Cancel);

        var message = Assert.Single(_telegram.Accepted);
        Assert.Equal(Chat, message.ChatId);
        Assert.Equal("html", message.ParseMode, ignoreCase: true);
        Assert.Contains("<a href=\"https://youtu.be/dQw4w9WgXcQ\">Never Gonna</a>", message.Text);
        Assert.Contains("Views +7.2% (+1,994) in 3h", message.Visible);
        Assert.Contains("Now: 29,611 views", message.Visible);
        Assert.False(message.PreviewDisabled);
    }

    [Theory]
    [InlineData("<a href=\"https://evil.example\">click</a>")]
    [InlineData("Tom & Jerry &amp; friends")]
    [InlineData("<<Best of>> <script>alert(1)</script>")]
    [InlineData("\"quoted\" <b>bold</b> &lt;")]
    public async Task Should_escape_titles_so_telegram_shows_them_as_written(string title)
    {
        var sink = Sink();
        await sink.DeliverAsync([Alerts.Change("aaaaaaaaaaa", title, 1_000)], AlertProgress.None, Cancel);
        await sink.DeliverAsync([Alerts.Change("bbbbbbbbbbb", title, 2_000), Alerts.Change("ccccccccccc", title, 3_000)], AlertProgress.None, Cancel);

        Assert.Empty(_telegram.Refused);
        Assert.Equal(2, _telegram.Accepted.Count);
        Assert.All(_telegram.Accepted, m => Assert.Contains(title, m.Visible));
        Assert.Equal(2, CountOf(title, _telegram.Accepted.Last().Visible));
    }

    [Fact]
    public async Task Should_wait_out_a_429_for_that_chat_then_deliver_once()
    {
        _telegram.Answer(1, 429, """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 2","parameters":{"retry_after":2}}""");
        var clock = Stopwatch.StartNew();

        await Sink().DeliverAsync([Alerts.Change("aaaaaaaaaaa", "Title", 1_000)], AlertProgress.None, Cancel);

        Assert.Equal(2, _telegram.SendRequests); // the client did not retry on its own: our throttle did, after the pause
        Assert.Single(_telegram.Accepted);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2), $"resent after {clock.Elapsed}");
    }

    [Fact]
    public async Task Should_retry_server_errors_with_backoff()
    {
        _telegram.Answer(1, 502, "Bad Gateway");
        _telegram.Answer(2, 500, """{"ok":false,"error_code":500,"description":"Internal Server Error"}""");

        await Sink().DeliverAsync([Alerts.Change("aaaaaaaaaaa", "Title", 1_000)], AlertProgress.None, Cancel);

        Assert.Equal(3, _telegram.SendRequests);
        Assert.Single(_telegram.Accepted);
    }

    [Fact]
    public async Task Should_resend_as_plain_text_when_telegram_cannot_parse_the_html()
    {
        _telegram.Answer(1, 400, """{"ok":false,"error_code":400,"description":"Bad Request: can't parse entities: Unsupported start tag \"script\" at byte offset 12"}""");

        await Sink().DeliverAsync([Alerts.Change("aaaaaaaaaaa", "Title <x>", 1_000)], AlertProgress.None, Cancel);

        var message = Assert.Single(_telegram.Accepted);
        Assert.Null(message.ParseMode);
        Assert.Contains("Title <x>", message.Text);
        Assert.Contains("https://youtu.be/aaaaaaaaaaa", message.Text);
    }

    [Fact]
    public async Task Should_follow_a_group_that_became_a_supergroup_and_remember_it()
    {
        const long group = -4242, supergroup = -1001234567890;
        _telegram.Migrate(group, supergroup);
        var sink = Sink(group);

        await sink.DeliverAsync([Alerts.Change("aaaaaaaaaaa", "One", 1_000)], AlertProgress.None, Cancel);
        await sink.DeliverAsync([Alerts.Change("bbbbbbbbbbb", "Two", 1_000)], AlertProgress.None, Cancel);

        Assert.Equal([supergroup, supergroup], _telegram.Accepted.Select(m => m.ChatId));
        Assert.Equal(3, _telegram.SendRequests); // only the first send went to the old group
        Assert.Equal(supergroup, sink.Routes[group]);
    }

    [Fact]
    public async Task Should_merge_a_backlog_into_digests_of_at_most_4096_characters_in_order()
    {
        var alerts = Enumerable.Range(0, 120).Select(i => Alerts.Change($"vid{i:D8}", new string('x', 80) + $" #{i:D3}", 1_000 + i)).ToList();
        var reported = new ConcurrentQueue<string>();

        await Sink().DeliverAsync(alerts, AlertProgress.Reporting(ids => { foreach (var id in ids) reported.Enqueue(id); }), Cancel);

        Assert.Empty(_telegram.Refused);
        Assert.InRange(_telegram.Accepted.Count, 2, 10);
        Assert.All(_telegram.Accepted, m => Assert.InRange(m.Text.Length, 1, FakeTelegramServer.MaxLength));
        Assert.All(_telegram.Accepted, m => Assert.True(m.PreviewDisabled));
        var seen = string.Concat(_telegram.Accepted.Select(m => m.Visible));
        var positions = Enumerable.Range(0, 120).Select(i => seen.IndexOf($" #{i:D3}", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(alerts.Select(a => a.AlertId), reported);
    }

    [Fact]
    public async Task Should_not_resend_what_a_failed_batch_already_delivered()
    {
        var alerts = Enumerable.Range(0, 120).Select(i => Alerts.Change($"vid{i:D8}", new string('y', 80) + $" #{i:D3}", 1_000 + i)).ToList();
        _telegram.Answer(2, 400, "Bad Request: message is too long"); // refused once (a 403 would park the chat)
        var reported = new ConcurrentQueue<string>();
        var sink = Sink();

        await Assert.ThrowsAsync<TelegramDeliveryException>(() =>
            sink.DeliverAsync(alerts, AlertProgress.Reporting(ids => { foreach (var id in ids) reported.Enqueue(id); }), Cancel));
        var firstMessage = Assert.Single(_telegram.Accepted);
        Assert.NotEmpty(reported);
        Assert.True(reported.Count < alerts.Count);
        await sink.DeliverAsync(alerts, AlertProgress.Reporting(ids => { foreach (var id in ids) reported.Enqueue(id); }), Cancel);

        var seen = string.Concat(_telegram.Accepted.Select(m => m.Visible));
        Assert.All(Enumerable.Range(0, 120), i => Assert.Equal(1, CountOf($" #{i:D3}", seen)));
        Assert.Equal(alerts.Select(a => a.AlertId), reported.Distinct()); // the retry reports the first message's alerts again
        Assert.Equal(firstMessage, _telegram.Accepted.First());
    }

    [Fact]
    public async Task Should_deliver_to_every_chat_and_report_an_alert_once_all_have_it()
    {
        var reported = new ConcurrentQueue<string>();
        var alerts = new[] { Alerts.Change("aaaaaaaaaaa", "One", 1_000), Alerts.Change("bbbbbbbbbbb", "Two", 2_000) };

        await Sink(111, -222).DeliverAsync(alerts, AlertProgress.Reporting(ids => { foreach (var id in ids) reported.Enqueue(id); }), Cancel);

        Assert.Equal([-222L, 111L], _telegram.Accepted.Select(m => m.ChatId).Order());
        Assert.Equal(alerts.Select(a => a.AlertId), reported);
    }

    [Fact]
    public async Task Should_leave_out_what_a_chat_muted_or_set_a_higher_threshold_for_and_count_it_delivered()
    {
        var now = DateTimeOffset.UtcNow;
        var preferences = new ChatPreferencesRegistry();
        preferences.Publish(BotState.Empty
            .Apply(new BotEvents.VideoMuted(1, 111, "aaaaaaaaaaa", now.AddHours(1), now))
            .Apply(new BotEvents.ThresholdSet(2, -222, 10m, now)).Preferences);
        var reported = new ConcurrentQueue<string>();
        var big = Alerts.Change("aaaaaaaaaaa", "Muted in 111", 1_000);
        big = big with { Breaches = [big.Breaches[0] with { DeltaPct = 20m }] };
        var alerts = new[] { big, Alerts.Change("bbbbbbbbbbb", "Under 10% for -222", 2_000) }; // +7.2%

        await Sink(preferences, 111, -222).DeliverAsync(alerts, AlertProgress.Reporting(ids => { foreach (var id in ids) reported.Enqueue(id); }), Cancel);

        var accepted = _telegram.Accepted.ToList();
        Assert.Equal(2, accepted.Count);
        Assert.Contains(accepted, m => m.ChatId == 111 && m.Visible.Contains("Under 10% for -222") && !m.Visible.Contains("Muted in 111"));
        Assert.Contains(accepted, m => m.ChatId == -222 && m.Visible.Contains("Muted in 111") && !m.Visible.Contains("Under 10% for -222"));
        Assert.Equal(alerts.Select(a => a.AlertId), reported);
    }

    private static int CountOf(string part, string text)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
