using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Telegram.Bot;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Streams.Telegram;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Telegram.Tests.Delivery;

/// <summary>A chat that blocked the bot (403) or does not exist (400) beside a good chat, against the fake Bot API.</summary>
public sealed class ParkedChatSpecs : IAsyncLifetime
{
    private const string Category = "partial failures";
    private const long Good = 111;
    private const long Bad = -222;
    private static readonly TimeSpan ParkedRetry = TimeSpan.FromHours(1);
    private FakeTelegramServer _telegram = null!;
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _telegram = await FakeTelegramServer.StartAsync();

    public async ValueTask DisposeAsync() => await _telegram.DisposeAsync();

    private TelegramAlertSink Sink()
    {
        var options = new TelegramBotClientOptions(FakeTelegramServer.Token, _telegram.BaseUrl) { RetryCount = 1, RetryThreshold = 0 };
        var sender = new TelegramSender(
            new TelegramBotClient(options, new HttpClient { Timeout = TimeSpan.FromSeconds(5) }), new TelegramThrottle(),
            TelegramRetrySettings.Default with { MinBackoff = TimeSpan.FromMilliseconds(100) },
            NullLogger<TelegramSender>.Instance, TimeProvider.System);
        return new TelegramAlertSink(
            sender, new TelegramDeliverySettings([Good, Bad], ParkedRetry: ParkedRetry), null, NullLogger<TelegramAlertSink>.Instance, _clock);
    }

    [Theory]
    [InlineData(403, "Forbidden: bot was blocked by the user")]
    [InlineData(403, "Forbidden: bot was kicked from the supergroup chat")]
    [InlineData(400, "Bad Request: chat not found")]
    public async Task Should_keep_delivering_to_the_good_chat_and_send_the_parked_one_what_it_missed_when_it_accepts_again(
        int status, string description)
    {
        _telegram.RefuseChat(Bad, status, description);
        var sink = Sink();
        var alerts = Enumerable.Range(1, 12).Select(i => Alerts.Change($"vid{i:D8}", $"Video {i:D2}", 1_000 * i, _clock.GetUtcNow())).ToList();
        var reported = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();

        foreach (var alert in alerts[..10]) // one at a time, as the notifier hands them over while the sink keeps up
            await sink.DeliverAsync([alert], AlertProgress.Reporting(ids => { foreach (var id in ids) reported.Enqueue(id); }), Cancel);
        var goodDelay = clock.Elapsed;

        var good = _telegram.Accepted.Where(m => m.ChatId == Good).ToList();
        Assert.Equal(alerts[..10].Select(a => a.Title), good.Select(m => alerts.Single(a => m.Visible.Contains(a.Title!, StringComparison.Ordinal)).Title));
        Assert.Equal(alerts[..10].Select(a => a.AlertId), reported);
        Assert.Single(_telegram.Refused, r => r.ChatId == Bad); // parked after the first refusal, not retried before ParkedRetry
        var parked = Assert.Single(sink.ParkedChats);
        Assert.Equal(Bad, parked.ChatId);
        Assert.Contains(description, parked.Reason);
        Assert.Equal(10, parked.HeldAlerts);

        _clock.Advance(ParkedRetry / 2);
        await sink.DeliverAsync([alerts[10]], AlertProgress.None, Cancel);
        Assert.Single(_telegram.Refused, r => r.ChatId == Bad); // still not due

        _telegram.AcceptChat(Bad);
        _clock.Advance(ParkedRetry / 2);
        await sink.DeliverAsync([alerts[11]], AlertProgress.None, Cancel);

        Assert.Empty(sink.ParkedChats);
        var bad = string.Join("\n", _telegram.Accepted.Where(m => m.ChatId == Bad).Select(m => m.Visible));
        var goodText = string.Join("\n", _telegram.Accepted.Where(m => m.ChatId == Good).Select(m => m.Visible));
        Assert.All(alerts, a => Assert.Equal(1, CountOf(a.Title!, bad)));      // everything it missed, once
        Assert.All(alerts, a => Assert.Equal(1, CountOf(a.Title!, goodText))); // the good chat: each alert once
        var goodTitles = _telegram.Accepted.Where(m => m.ChatId == Good).ToList();
        Assert.Equal(12, goodTitles.Count);
        var badGot = alerts.Count(a => CountOf(a.Title!, bad) == 1);
        ReliabilityFigures.Record(Category, $"{status} chat beside a good one: alerts to the good chat", 12, goodTitles.Count, 12 - goodTitles.Count, 0);
        ReliabilityFigures.Record(Category, $"{status} chat beside a good one: alerts to the parked chat once it accepts", 12, badGot, 12 - badGot, 0);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{status} {description}: good chat got {good.Count}/10 alerts in {goodDelay.TotalMilliseconds:F0} ms with the bad chat parked; parked chat got {badGot}/12 after it accepted");
    }

    private static int CountOf(string part, string text)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
