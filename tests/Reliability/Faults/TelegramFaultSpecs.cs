using System.Globalization;
using System.Text.RegularExpressions;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Reliability.Tests.HostileInput;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Reliability.Tests.Faults;

/// <summary>
/// The real host (notifier, Telegram sink, throttle) delivering a stream of alerts to the fake Bot API while it
/// answers in bursts: 429s, 500s, connections cut without an answer, and sends held past the client's timeout
/// that Telegram takes anyway. Titles are built to break HTML. Oracle: every raised alert shows up in the chat,
/// a second time only after an ambiguous timeout (at most one per stalled send), every title as written, and the
/// bot token in no log line or exception.
/// </summary>
public sealed partial class TelegramFaultSpecs : IAsyncLifetime
{
    private const long Chat = 7331;
    private const int Videos = 12;
    private const int Steps = 8;
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddHours(-3);
    private static readonly string[] Titles =
    [
        "<b>bold", "</a></b></i>", "<a href=\"javascript:alert(1)\">x</a>", "Tom & Jerry &amp; &#x41; &bogus;", "<script>alert(1)</script>",
        "a < b > c", "\"quoted\" 'single'", "<tg-spoiler>", "<<>>&&", "<pre><code class=\"x\">", "&lt;already escaped&gt;", "emoji 😀 <i>",
    ];

    private readonly TestJournal _journal = TestJournal.Sqlite();
    private readonly CapturedLogs _logs = new();
    private FakeTelegramServer _telegram = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _telegram = await FakeTelegramServer.StartAsync(FakeSecrets.BotToken);

    public async ValueTask DisposeAsync()
    {
        await _telegram.DisposeAsync();
        _journal.Dispose();
    }

    private static string VideoId(int video) => $"tg{video:D9}";

    private static long Views(int step) => (long)(5_000 * Math.Pow(1.1, step));

    [Fact]
    public async Task Should_deliver_every_alert_once_through_bursts_of_429_500_cut_connections_and_timeouts()
    {
        const string tooMany = """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}""";
        const string serverError = """{"ok":false,"error_code":500,"description":"Internal Server Error"}""";
        var stalls = 0;
        foreach (var request in new[] { 1, 2, 3, 13, 14 })
            _telegram.Answer(request, 429, tooMany);
        foreach (var request in new[] { 4, 5, 6, 15, 16, 17, 18, 19 })
            _telegram.Answer(request, request % 2 == 0 ? 500 : 502, request % 2 == 0 ? serverError : "<html>Bad Gateway</html>");
        foreach (var request in new[] { 7, 8, 9, 20 })
            _telegram.Drop(request);
        foreach (var request in new[] { 10, 11, 21 })
        {
            _telegram.Stall(request, TimeSpan.FromSeconds(2));
            stalls++;
        }

        var source = new ChannelVideoStatsSource();
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = FakeSecrets.BotToken,
            ["Telegram:ChatId"] = Chat.ToString(CultureInfo.InvariantCulture),
            ["Telegram:ApiBaseUrl"] = _telegram.BaseUrl,
            ["Telegram:RequestTimeout"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:System.Net.Http"] = "Trace",
        };
        var expected = Enumerable.Range(0, Videos).SelectMany(v => Enumerable.Range(1, Steps).Select(s => (VideoId(v), Views(s)))).ToHashSet();
        await using (var host = new AppFactory(_journal, null, source, settings, _logs))
        {
            host.CreateClient().Dispose();
            for (var step = 0; step <= Steps; step++)
            {
                for (var video = 0; video < Videos; video++)
                {
                    source.Write(new VideoStatsObserved(VideoId(video), "UCtg", Titles[video], "Channel <&>", T0.AddDays(-1),
                        Views(step), null, null, T0.AddMinutes(step), SampleSources.YouTube));
                }
                await Task.Delay(700, Cancel); // alerts keep coming while the faults play out: a stream, not one batch
            }
            await Eventually.Holds(() => Assert.Subset(AlertsInChat().ToHashSet(), expected), TimeSpan.FromMinutes(3), Cancel);
        }

        var seen = AlertsInChat();
        var raised = _journal.Scalar("select count(*) from tags where tag = 'alert'");
        Assert.Equal(expected.Count, raised);
        var lost = expected.Count(e => !seen.Contains(e));
        var duplicated = seen.Count - seen.Distinct().Count();
        Assert.Equal(0, lost);
        Assert.True(duplicated <= stalls, $"{duplicated} alerts shown twice, {stalls} ambiguous timeouts");
        Assert.Empty(seen.Except(expected));
        Assert.Contains(_logs.Lines, l => l.Contains("Telegram rate limit for chat", StringComparison.Ordinal));
        var retries = _logs.Lines.Where(l => l.Contains("Sending to Telegram chat", StringComparison.Ordinal)).ToList();
        Assert.True(retries.Count >= 5, $"{retries.Count} retried sends");
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', retries));

        // Titles built to break HTML: every message went as HTML Telegram could parse, showing each title as written.
        var messages = _telegram.Accepted.ToList();
        var mangled = messages.Count(m => m.ParseMode is null
            || !Titles.Where((_, v) => m.Text.Contains($"youtu.be/{VideoId(v)}\"", StringComparison.Ordinal)).All(t => m.Visible.Contains(t, StringComparison.Ordinal)));
        var parseRefusals = _telegram.Refused.Count(r => r.Description.Contains("can't parse", StringComparison.Ordinal));
        Assert.Equal(0, mangled);
        Assert.Equal(0, parseRefusals);

        var leaks = FakeSecrets.Leaks(_logs.Lines.Select(l => ("log", l)));
        Assert.True(leaks.Count == 0, "secrets shown: " + string.Join("; ", leaks.Select(l => l.Secret)));
        Assert.Contains(_telegram.Paths, p => p.Contains(FakeSecrets.BotSecret, StringComparison.Ordinal));

        ReliabilityFigures.Record("Telegram faults", $"alerts through 429/5xx/cut/timeout bursts ({_telegram.Refused.Count} refused, {stalls} stalled)",
            raised, raised - lost, lost, duplicated);
        ReliabilityFigures.Record("hostile Telegram input", "titles built to break HTML (messages)", messages.Count, messages.Count - mangled, mangled + parseRefusals, 0);
        ReliabilityFigures.Record("secrets never shown", "Telegram faults at Trace: log lines", _logs.Lines.Count, _logs.Lines.Count - leaks.Count, leaks.Count, 0);
    }

    /// <summary>The alerts a user sees in the chat: (video, views now), in arrival order.</summary>
    private List<(string Video, long Views)> AlertsInChat() =>
        _telegram.Accepted
            .SelectMany(m => AlertLine().Matches(m.Text).Select(x => (x.Groups[1].Value, long.Parse(x.Groups[2].Value.Replace(",", ""), CultureInfo.InvariantCulture))))
            .ToList();

    [GeneratedRegex("""youtu\.be/([A-Za-z0-9_-]{11})"[\s\S]*?[Nn]ow:? ([0-9,]+) views""")]
    private static partial Regex AlertLine();
}
