using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Kafka.Tests.Support;
using YouTubeAnalytics.Streams.Kafka;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Kafka.Tests;

/// <summary>
/// Kafka mode with the chat sink failing for a while (a failing attempt of several alerts gets the first out and
/// reports it, as a digest cut short by Telegram does): the processed topic gets every alertId once, the chat every alert
/// once, and a restart resends nothing. Then the same through the real Telegram sink against the fake Bot API, down
/// (502) until after a restart: what the topic got before the restart is not published again.
/// </summary>
public sealed partial class TelegramOutageSpecs : IDisposable
{
    private const string Category = "partial failures";
    private readonly MockKafkaCluster _kafka = new();
    private readonly TestJournal _journal = TestJournal.Sqlite();

    [Fact]
    public async Task Should_publish_each_alert_once_while_the_chat_sink_fails_for_a_while_and_after_a_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var flaky = new FailsForAWhileSink(failingAttempts: 4);

        var firstSource = new ChannelVideoStatsSource();
        await using (var host = new AppFactory(_journal, flaky, firstSource, _kafka.HostSettings()))
        {
            _ = host.Services;
            firstSource.Write(Samples(start, first: 0, count: 4)); // 3 x 5 alerts
            await Eventually.Holds(() => Assert.Equal(15, flaky.Received.Count), TimeSpan.FromSeconds(60), ct);
            Assert.True(flaky.Attempts > 4, $"attempts: {flaky.Attempts}");
        }

        var healthy = new FailsForAWhileSink(failingAttempts: 0);
        var secondSource = new ChannelVideoStatsSource();
        await using (var host = new AppFactory(_journal, healthy, secondSource, _kafka.HostSettings()))
        {
            _ = host.Services;
            secondSource.Write(Samples(start, first: 4, count: 1)); // 5 more
            await Eventually.Holds(() => Assert.Equal(5, healthy.Received.Count), TimeSpan.FromSeconds(60), ct);
        }

        var published = _kafka.ReadAll(KafkaSettings.DefaultProcessedTopic)
            .Select(r => RawRecords.Header(r, KafkaAlertSink.AlertIdHeader)).ToList();
        var chat = flaky.Received.Keys.Concat(healthy.Received.Keys).ToList();
        var chatCopies = flaky.Received.Values.Sum() + healthy.Received.Values.Sum();
        ReliabilityFigures.Record(Category, "Kafka mode, chat sink failing 4 attempts: alerts in the processed topic",
            20, published.Distinct().Count(), 20 - published.Distinct().Count(), published.Count - published.Distinct().Count());
        ReliabilityFigures.Record(Category, "Kafka mode, chat sink failing 4 attempts, then a restart: alerts in the chat",
            20, chat.Distinct().Count(), 20 - chat.Distinct().Count(), chatCopies - chat.Distinct().Count());

        Assert.Equal(20, published.Count);
        Assert.Equal(20, published.Distinct().Count());
        Assert.All(flaky.Received.Values.Concat(healthy.Received.Values), copies => Assert.Equal(1, copies));
        Assert.Empty(healthy.Received.Keys.Intersect(flaky.Received.Keys));
        Assert.Equal(published.Order(), chat.Order());
    }

    [Fact]
    public async Task Should_publish_nothing_twice_and_resend_nothing_when_telegram_fails_across_a_restart()
    {
        const long chat = 4242;
        var ct = TestContext.Current.CancellationToken;
        await using var telegram = await FakeTelegramServer.StartAsync();
        var settings = _kafka.HostSettings(
            ("Telegram:BotToken", FakeTelegramServer.Token), ("Telegram:ChatId", chat.ToString(CultureInfo.InvariantCulture)),
            ("Telegram:ApiBaseUrl", telegram.BaseUrl), ("Telegram:Commands", "false"));
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        List<string> Published() => [.. _kafka.ReadAll(KafkaSettings.DefaultProcessedTopic).Select(r => RawRecords.Header(r, KafkaAlertSink.AlertIdHeader))];

        telegram.RefuseChat(chat, 502, "Bad Gateway"); // Telegram is down: every send fails, the notifier keeps retrying
        var source = new ChannelVideoStatsSource();
        await using (var host = new AppFactory(_journal, null, source, settings))
        {
            _ = host.Services;
            source.Write(Samples(start, first: 0, count: 3)); // 2 x 5 alerts
            // The batch in flight is published, then its Telegram delivery fails and is retried (5 sends, then the
            // notifier's retry): the rest waits behind it in the journal.
            await Eventually.Holds(() =>
            {
                Assert.NotEmpty(Published());
                Assert.True(telegram.Refused.Count >= 6, $"{telegram.Refused.Count} refused");
            }, TimeSpan.FromSeconds(60), ct);
        }
        var beforeRestart = Published();
        Assert.Empty(telegram.Accepted); // published, never delivered: the host stopped while Telegram was still down

        telegram.AcceptChat(chat);
        var afterRestart = new ChannelVideoStatsSource();
        await using (var host = new AppFactory(_journal, null, afterRestart, settings))
        {
            _ = host.Services;
            await Eventually.Holds(() => Assert.Equal(10, TelegramAlerts(telegram).Count), TimeSpan.FromSeconds(60), ct);
            afterRestart.Write(Samples(start, first: 3, count: 1)); // 5 more
            await Eventually.Holds(() => Assert.Equal(15, TelegramAlerts(telegram).Count), TimeSpan.FromSeconds(60), ct);
        }

        var published = Published();
        var inChat = TelegramAlerts(telegram);
        ReliabilityFigures.Record(Category, "Kafka mode, Telegram down across a restart: alerts in the processed topic",
            15, published.Distinct().Count(), 15 - published.Distinct().Count(), published.Count - published.Distinct().Count());
        ReliabilityFigures.Record(Category, "Kafka mode, Telegram down across a restart: alerts in the chat",
            15, inChat.Distinct().Count(), 15 - inChat.Distinct().Count(), inChat.Count - inChat.Distinct().Count());
        Assert.Equal(15, published.Count); // those published before the restart were not published again
        Assert.Subset(published.ToHashSet(), beforeRestart.ToHashSet());
        Assert.Equal(15, published.Distinct().Count());
        Assert.Equal(15, inChat.Distinct().Count());
        Assert.Equal(15, inChat.Count);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Kafka mode, Telegram down ({telegram.Refused.Count} refused sends) across a restart: {beforeRestart.Count} published before it, {published.Count} records for 15 alerts in the processed topic, {inChat.Count} alerts in the chat");
    }

    /// <summary>The alerts a chat saw, as (video, views now), in order.</summary>
    private static List<(string Video, string Views)> TelegramAlerts(FakeTelegramServer telegram) =>
        [.. telegram.Accepted.SelectMany(m => AlertLine().Matches(m.Text).Select(x => (x.Groups[1].Value, x.Groups[2].Value)))];

    [GeneratedRegex("""youtu\.be/([A-Za-z0-9_-]{11})"[\s\S]*?[Nn]ow:? ([0-9,]+) views""")]
    private static partial Regex AlertLine();

    /// <summary>Five videos, a sample a minute, views up 10% each time: every sample after the first alerts.</summary>
    private static VideoStatsObserved[] Samples(DateTimeOffset start, int first, int count) =>
        [.. from n in Enumerable.Range(first, count)
            from v in Enumerable.Range(0, 5)
            select new VideoStatsObserved($"alertVid{v:D3}", null, $"Video {v}", null, null,
                (long)(100_000 * Math.Pow(1.1, n)), null, null, start.AddMinutes(n), SampleSources.Demo)];

    public void Dispose()
    {
        _journal.Dispose();
        _kafka.Dispose();
    }

    /// <summary>
    /// A chat sink whose first N attempts fail (a batch of several gets its first alert out and reported); later attempts
    /// deliver everything. Counts how often each alert arrived.
    /// </summary>
    private sealed class FailsForAWhileSink(int failingAttempts) : IAlertSink
    {
        private int _attempts;

        public string Name => "flaky";

        public int Attempts => Volatile.Read(ref _attempts);

        public ConcurrentDictionary<string, int> Received { get; } = new();

        public Task DeliverAsync(IReadOnlyList<Alert> alerts, AlertProgress progress, CancellationToken cancellationToken)
        {
            var attempt = Interlocked.Increment(ref _attempts);
            if (attempt <= failingAttempts)
            {
                if (alerts.Count > 1) // a digest cut short: its first message got out
                {
                    Receive(alerts[0]);
                    progress.Delivered([alerts[0].AlertId]);
                }
                throw new HttpRequestException($"Telegram down (attempt {attempt})");
            }
            foreach (var alert in alerts)
                Receive(alert);
            progress.Delivered(alerts.Select(a => a.AlertId).ToList());
            return Task.CompletedTask;
        }

        private void Receive(Alert alert) => Received.AddOrUpdate(alert.AlertId, 1, (_, n) => n + 1);
    }
}
