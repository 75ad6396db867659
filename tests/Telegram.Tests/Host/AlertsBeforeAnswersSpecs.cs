using System.Globalization;
using System.Text.RegularExpressions;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Telegram.Tests.Host;

/// <summary>
/// Alerts before answers within a chat, through the real host and the fake Bot API: with the per-user command limit
/// set to its highest, so it does not thin the flood, 200 commands from the alert chat while alerts are raised.
/// </summary>
public sealed partial class AlertsBeforeAnswersSpecs(ITestOutputHelper output) : IAsyncLifetime
{
    private const long Chat = 31337;
    private const int Flood = 200;
    private const int Videos = 8;
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddHours(-2);
    private readonly TestJournal _journal = TestJournal.Sqlite();
    private FakeTelegramServer _telegram = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _telegram = await FakeTelegramServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _telegram.DisposeAsync();
        _journal.Dispose();
    }

    /// <summary>An alert, one alone ("Now: 2,500 views") or a digest line ("now 2,500 views"), as opposed to an answer.</summary>
    private static bool IsAlert(AcceptedMessage m) => AlertTotals().IsMatch(m.Visible);

    [Fact]
    public async Task Should_deliver_the_alerts_ahead_of_a_flood_of_answers_in_the_same_chat()
    {
        var source = new ChannelVideoStatsSource();
        await using var host = new AppFactory(_journal, null, source, new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = FakeTelegramServer.Token,
            ["Telegram:ChatId"] = Chat.ToString(CultureInfo.InvariantCulture),
            ["Telegram:ApiBaseUrl"] = _telegram.BaseUrl,
            ["Telegram:PollTimeout"] = "00:00:05",
            ["Telegram:CommandsPerMinute"] = "1000",
        });
        host.CreateClient().Dispose();
        for (var i = 0; i < Flood; i++)
            _telegram.UserWrites(Chat, "/help");
        // The bot is answering the flood (one answer a second in this chat) before any alert is raised.
        await Eventually.Holds(() => Assert.True(_telegram.Accepted.Count(m => m.ChatId == Chat) >= 2), TimeSpan.FromSeconds(30), Cancel);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ids = Enumerable.Range(0, Videos).Select(i => $"vidfirst{i:D3}").ToList();
        foreach (var id in ids)
        {
            source.Write(
                new VideoStatsObserved(id, null, $"First {id}", null, null, 2_000, null, null, T0, SampleSources.YouTube),
                new VideoStatsObserved(id, null, $"First {id}", null, null, 2_400, null, null, T0.AddMinutes(1), SampleSources.YouTube));
        }
        await Eventually.Holds(
            () => Assert.All(ids, id => Assert.Contains(_telegram.Accepted, m => m.ChatId == Chat && IsAlert(m) && m.Visible.Contains(id, StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30), Cancel);
        var alertsIn = clock.Elapsed;

        var messages = _telegram.Accepted.Where(m => m.ChatId == Chat).ToList();
        var lastAlert = messages.FindLastIndex(IsAlert);
        var answersBefore = messages.Take(lastAlert).Count(m => !IsAlert(m));
        var answersAfter = messages.Skip(lastAlert + 1).Count(m => !IsAlert(m));
        Assert.True(answersBefore + answersAfter < Flood, "the answers had all gone out before the alerts"); // the flood still queued
        Assert.True(alertsIn < TimeSpan.FromSeconds(20), $"alerts waited {alertsIn} behind the answers");
        var delivered = ids.Count(id => messages.Any(m => IsAlert(m) && m.Visible.Contains(id, StringComparison.Ordinal)));
        ReliabilityFigures.Record("partial failures", "200 commands (no per-user limit) from the alert chat while alerts are raised: alerts delivered",
            Videos, delivered, Videos - delivered, 0);
        output.WriteLine(
            $"command flood, CommandsPerMinute 1000: {delivered}/{Videos} alerts delivered {alertsIn.TotalSeconds:F1} s after they were raised, with {answersBefore} answers sent before the last alert of the {Flood} queued");
    }

    [GeneratedRegex("[Nn]ow:? [0-9,]+ views")]
    private static partial Regex AlertTotals();
}
