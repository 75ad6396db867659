using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Telegram.Bot;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Streams.Telegram;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Telegram.Tests.Delivery;

/// <summary>
/// One chat never holds another, against the fake Bot API: a 429 asking for an hour pauses only that chat, a chain of
/// group migrations is followed a bounded number of times, and alerts a chat held past History:Retention come back
/// summarised in one message.
/// </summary>
public sealed class ChatIsolationSpecs : IAsyncLifetime
{
    private const string Category = "partial failures";
    private const long Good = 111;
    private const long Limited = 333;
    private FakeTelegramServer _telegram = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _telegram = await FakeTelegramServer.StartAsync();

    public async ValueTask DisposeAsync() => await _telegram.DisposeAsync();

    private TelegramAlertSink Sink(TimeProvider sinkClock, TimeSpan longestInlinePause, TimeSpan retention, params long[] chats)
    {
        var options = new TelegramBotClientOptions(FakeTelegramServer.Token, _telegram.BaseUrl) { RetryCount = 1, RetryThreshold = 0 };
        var sender = new TelegramSender(
            new TelegramBotClient(options, new HttpClient { Timeout = TimeSpan.FromSeconds(5) }), new TelegramThrottle(),
            TelegramRetrySettings.Default with { MinBackoff = TimeSpan.FromMilliseconds(100), LongestInlinePause = longestInlinePause },
            NullLogger<TelegramSender>.Instance, TimeProvider.System);
        return new TelegramAlertSink(
            sender, new TelegramDeliverySettings(chats, ParkedRetry: TimeSpan.FromHours(1), Retention: retention), null,
            NullLogger<TelegramAlertSink>.Instance, sinkClock);
    }

    private static List<Alert> Raised(int count, DateTimeOffset at) =>
        [.. Enumerable.Range(1, count).Select(i => Alerts.Change($"vid{i:D8}", $"Video {i:D2}", 1_000 * i, at))];

    /// <summary>The titles of the alerts in the order the chat saw them (one per message or digest line).</summary>
    private List<string> TitlesSeenBy(long chat, IReadOnlyList<Alert> alerts) =>
        [.. _telegram.Accepted.Where(m => m.ChatId == chat)
            .SelectMany(m => alerts.Where(a => m.Visible.Contains(a.Title!, StringComparison.Ordinal))
                .OrderBy(a => m.Visible.IndexOf(a.Title!, StringComparison.Ordinal)))
            .Select(a => a.Title!)];

    [Fact]
    public async Task Should_keep_delivering_to_the_good_chat_in_order_while_another_is_told_to_wait_an_hour()
    {
        _telegram.RateLimitChat(Limited, 3_600);
        var sink = Sink(TimeProvider.System, TelegramRetrySettings.DefaultLongestInlinePause, TimeSpan.FromDays(30), Good, Limited);
        var alerts = Raised(16, DateTimeOffset.UtcNow);
        var reported = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();

        foreach (var batch in alerts.Chunk(4)) // as the notifier hands over what queued up while the sink was busy
            await sink.DeliverAsync(batch, AlertProgress.Reporting(ids => { foreach (var id in ids) reported.Enqueue(id); }), Cancel);
        var elapsed = clock.Elapsed;

        Assert.Equal(alerts.Select(a => a.Title), TitlesSeenBy(Good, alerts)); // every alert, once, in order
        Assert.Equal(alerts.Select(a => a.AlertId), reported);                 // the notifier moved on: nothing blocks it
        Assert.Single(_telegram.Refused, r => r.ChatId == Limited);            // asked once, then left alone for the hour
        Assert.DoesNotContain(_telegram.Accepted, m => m.ChatId == Limited);
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"the good chat waited {elapsed}");
        var good = TitlesSeenBy(Good, alerts).Count;
        ReliabilityFigures.Record(Category, "429 retry_after 3600 s on one chat: alerts to the other chat", 16, good, 16 - good, 0);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"retry_after 3600 on one chat: good chat got {good}/16 alerts in order in {elapsed.TotalMilliseconds:F0} ms (4 batches, 1 s per chat between sends)");
    }

    [Fact]
    public async Task Should_send_a_paused_chat_what_it_held_once_the_pause_is_over_without_waiting_for_a_new_alert()
    {
        _telegram.RateLimitChat(Limited, 2);
        var sink = Sink(TimeProvider.System, TimeSpan.FromSeconds(1), TimeSpan.FromDays(30), Good, Limited);
        var alerts = Raised(3, DateTimeOffset.UtcNow);

        await sink.DeliverAsync(alerts, AlertProgress.None, Cancel);
        Assert.Equal(alerts.Select(a => a.Title), TitlesSeenBy(Good, alerts));
        _telegram.AcceptChat(Limited);

        await Eventually.Holds(() => Assert.Equal(alerts.Select(a => a.Title), TitlesSeenBy(Limited, alerts)), TimeSpan.FromSeconds(15), Cancel);
        Assert.Equal(alerts.Select(a => a.Title), TitlesSeenBy(Good, alerts)); // nothing doubled in the good chat
        var limited = TitlesSeenBy(Limited, alerts).Count;
        ReliabilityFigures.Record(Category, "429 longer than the inline wait: alerts to that chat after the pause", 3, limited, 3 - limited, 0);
    }

    [Fact]
    public async Task Should_follow_a_chain_of_migrations_a_bounded_number_of_times_then_park_the_chat()
    {
        const long first = -1000;
        for (var i = 0; i < 660; i++)
            _telegram.Migrate(first - i, first - i - 1);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sink = Sink(clock, TelegramRetrySettings.DefaultLongestInlinePause, TimeSpan.FromDays(30), first, Good);
        var alert = Raised(1, clock.GetUtcNow());

        await sink.DeliverAsync(alert, AlertProgress.None, Cancel);
        Assert.Equal(2, _telegram.Refused.Count); // one migration followed, the second one stops the send
        Assert.Single(_telegram.Accepted, m => m.ChatId == Good);
        var start = clock.GetUtcNow();
        await Eventually.Holds(
            () =>
            {
                // Fake minutes pass while the chain is followed; each retry is due a minute after the previous one.
                if (sink.ParkedChats.Count == 0 && clock.GetUtcNow() - start < TimeSpan.FromMinutes(50))
                    clock.Advance(TimeSpan.FromMinutes(1));
                Assert.Single(sink.ParkedChats);
            },
            TimeSpan.FromSeconds(20), Cancel);
        var parked = Assert.Single(sink.ParkedChats);
        Assert.Equal(first, parked.ChatId);
        Assert.Contains("moved", parked.Reason);
        var toChain = _telegram.Refused.Count;
        Assert.True(toChain <= 2 * TelegramAlertSink.MovesPerHour, $"{toChain} sends for one alert in the first hour");
        Assert.NotEqual(first, sink.Routes[first]);

        Assert.True(parked.RetryAt - clock.GetUtcNow() >= TimeSpan.FromMinutes(59), $"retried at {parked.RetryAt}");
        clock.Advance(parked.RetryAt - clock.GetUtcNow() - TimeSpan.FromMinutes(1)); // not due yet: tried at most hourly
        Assert.Equal(toChain, _telegram.Refused.Count);
        ReliabilityFigures.Record(Category, "migration chain of 660 ids: alerts to the other chat", 1, 1, 0, 0);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"migration chain: {toChain} sendMessage calls for one alert in the first hour (before: 658 in 30 s), then parked, moved {first} -> {sink.Routes[first]}");
    }

    [Fact]
    public async Task Should_summarise_in_one_message_what_a_parked_chat_held_past_the_retention()
    {
        const long bad = -444;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var retention = TimeSpan.FromHours(2);
        _telegram.RefuseChat(bad);
        var sink = Sink(clock, TelegramRetrySettings.DefaultLongestInlinePause, retention, Good, bad);
        var old = Raised(30, clock.GetUtcNow());

        await sink.DeliverAsync(old, AlertProgress.None, Cancel);
        Assert.Single(sink.ParkedChats);
        _telegram.AcceptChat(bad);
        clock.Advance(TimeSpan.FromHours(3));
        var recent = Alerts.Change("recent00001", "Recent one", 5_000, clock.GetUtcNow());
        await sink.DeliverAsync([recent], AlertProgress.None, Cancel);

        await Eventually.Holds(() => Assert.Equal(2, _telegram.Accepted.Count(m => m.ChatId == bad)), TimeSpan.FromSeconds(10), Cancel);
        var messages = _telegram.Accepted.Where(m => m.ChatId == bad).ToList();
        Assert.StartsWith("30 older alert(s) held", messages[0].Visible);
        Assert.Contains("Recent one", messages[1].Visible);
        Assert.Empty(sink.ParkedChats);
    }
}
