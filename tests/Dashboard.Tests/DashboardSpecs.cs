using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Akka.Actor;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using YouTubeAnalytics.Actors.Channels;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Dashboard.Tests;

/// <summary>
/// A running host on a real port with the demo source (fast samples, a low threshold so alerts come often), its
/// dashboard opened in Chromium at laptop (1440×900) and phone (390 wide) sizes: the summary row with figures, the
/// chart's axes, hover values, range switch and alert markers, a sparkline and a thumbnail per row, the alert feed by
/// video, a new alert without a reload. Nothing leaves the machine: requests to other hosts (the thumbnails) are
/// recorded and aborted. Screenshots go to <see cref="ScreenshotFolder"/>.
/// </summary>
public sealed partial class DashboardSpecs : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/lib/chromium/chromium";
    private const int DemoVideos = 8;
    private const string Channel = "UCuAXFkgsw1L7xaCfnd5JJOw";
    private const float PageTimeout = 30_000;

    private readonly TestJournal _journal = TestJournal.Sqlite();
    private readonly List<string> _external = [];
    private readonly List<string> _scriptErrors = [];
    private AppFactory _factory = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _baseUrl = "";
    private HttpClient _http = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Where the screenshots go: tests/Dashboard.Tests/TestResults/screenshots (beside the project's .trx).</summary>
    public static string ScreenshotFolder =>
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "TestResults", "screenshots"));

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install -y chromium (.ci/run does).");
        _factory = new AppFactory(_journal, sink: null, source: null, new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Demo:VideoCount"] = DemoVideos.ToString(CultureInfo.InvariantCulture),
            ["Demo:SampleInterval"] = "00:00:00.25",
            ["Alerts:ChangeThresholdPercent"] = "0.01",
            ["Alerts:MinimumChange"] = "1",
            ["Watch:Channels:0"] = Channel, // listed by the channel panel; the demo source samples no channel, the spec does
        });
        _factory.UseKestrel();
        _factory.StartServer();
        _baseUrl = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Single().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        _http = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _factory.DisposeAsync();
        _journal.Dispose();
    }

    /// <summary>A page whose requests to any host but the app's are recorded and aborted, and whose script errors are kept.</summary>
    private async Task<IPage> OpenAsync(int width, int height, bool phone)
    {
        var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height }, IsMobile = phone });
        page.SetDefaultTimeout(PageTimeout);
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith(_baseUrl, StringComparison.Ordinal))
            {
                await route.ContinueAsync();
                return;
            }
            lock (_external)
                _external.Add(route.Request.Url);
            await route.AbortAsync();
        });
        page.PageError += (_, error) => { lock (_scriptErrors) _scriptErrors.Add(error); };
        await page.GotoAsync(_baseUrl + "/dashboard");
        await page.Locator("#videos tbody tr").First.WaitForAsync();
        return page;
    }

    private async Task<JsonElement> GetAsync(string path) => await _http.GetFromJsonAsync<JsonElement>(path, Cancel);

    [Fact]
    public async Task Should_show_the_summary_a_chart_with_axes_ranges_and_alert_markers_sparklines_and_thumbnails_on_a_laptop()
    {
        var page = await OpenAsync(1440, 900, phone: false);
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await page.Locator("#live.on").WaitForAsync();
        await page.EvaluateAsync("window.sameDocument = true");

        // Summary row: the figures the API gives, rates once two readings were taken.
        await page.WaitForFunctionAsync($"() => document.querySelector('#sum-videos .value').textContent === '{DemoVideos}'");
        await page.WaitForFunctionAsync("() => /^\\d/.test(document.querySelector('#sum-samples-rate .value').textContent)");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('#sum-alerts .value').textContent.replace(/,/g, '')) > 0");
        Assert.Matches(@"^(\+[\d,]+|0)$", await page.InnerTextAsync("#sum-gain1h .value"));
        Assert.Equal("running", await page.InnerTextAsync("#sum-pipeline .value"));
        Assert.Contains("demo source", await page.InnerTextAsync("#sum-quota .note"));
        Assert.Contains("no Kafka", await page.InnerTextAsync("#sum-lag .note"));
        Assert.True(double.Parse(await page.InnerTextAsync("#sum-samples-rate .value"), CultureInfo.InvariantCulture) > 0);
        // The demo samples its own videos: the count says so instead of "0 videos polled".
        Assert.Contains($"{DemoVideos} videos sampled by the demo source", await page.InnerTextAsync("#targets"));

        // Every row: a thumbnail whose src is the API's thumbnailUrl (the request was aborted: nothing is fetched),
        // links to the video on YouTube, and a sparkline from the item's viewsSparkline.
        var videos = (await GetAsync("/videos?pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(DemoVideos, videos.Count);
        foreach (var v in videos)
        {
            var id = v.GetProperty("videoId").GetString()!;
            var row = page.Locator($"#videos tbody tr[data-video-id='{id}']");
            Assert.Equal(v.GetProperty("thumbnailUrl").GetString(), await row.Locator("img").GetAttributeAsync("src"));
            Assert.Equal($"https://i.ytimg.com/vi/{id}/mqdefault.jpg", await row.Locator("img").GetAttributeAsync("src"));
            Assert.Equal(2, await row.Locator($"a[href='https://www.youtube.com/watch?v={id}']").CountAsync());
            Assert.NotEmpty(await row.Locator("svg.sparkline polyline").GetAttributeAsync("points") ?? "");
        }
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('svg.sparkline')].every(s => Number(s.dataset.values) >= 2)");
        lock (_external)
            Assert.All(_external, url => Assert.Matches(ThumbnailUrl(), url)); // the only other host asked for: thumbnails

        // The chart of the video with the most alerts: axes with labels, hover values, alert markers where they fired.
        var alerted = (await GetAsync("/videos?pageSize=1&sort=alerts")).GetProperty("items")[0].GetProperty("videoId").GetString()!;
        await page.ClickAsync($"#videos tbody tr[data-video-id='{alerted}'] td.num");
        await page.WaitForFunctionAsync(
            "id => { const c = document.getElementById('chart'); return c.dataset.videoId === id && Number(c.dataset.points) > 1 && Number(c.dataset.markers) > 0; }", alerted);
        Assert.True(await page.Locator("#chart .u-axis").CountAsync() >= 3); // time, views, likes and comments
        Assert.True((await page.GetAttributeAsync("#chart", "data-x-ticks"))!.Split('|').Length >= 2);
        Assert.True((await page.GetAttributeAsync("#chart", "data-y-ticks"))!.Split('|').Length >= 2);
        Assert.True(await page.Locator("#chart canvas").IsVisibleAsync());
        var markers = await page.EvalOnSelectorAllAsync<string[]>("#chart .alert-marker", "m => m.map(x => x.dataset.alertId)");
        var videoAlerts = (await GetAsync($"/alerts?pageSize=500&video={alerted}")).GetProperty("items").EnumerateArray()
            .Select(a => a.GetProperty("alertId").GetString()).ToHashSet();
        Assert.All(markers, m => Assert.Contains(m, videoAlerts)); // each marker is one of this video's alerts
        var over = (await page.Locator("#chart .u-over").BoundingBoxAsync())!;
        await page.Locator("#chart .u-over").HoverAsync(new() { Position = new() { X = over.Width * 0.6f, Y = over.Height / 2 } });
        await page.WaitForFunctionAsync("() => /\\d/.test(document.querySelector('#chart .u-legend .u-series:nth-child(2) .u-value').textContent)");
        Assert.Equal(["Time", "Views", "Likes", "Comments"], await Labels(page));

        // Under the chart: the video's next-milestone forecast, as /videos/{id}/stats words it (nextMilestone).
        await page.Locator("#chart-forecast").WaitForAsync();
        var forecast = await page.InnerTextAsync("#chart-forecast");
        if ((await GetAsync($"/videos/{alerted}/stats")).TryGetProperty("nextMilestone", out var next) && next.ValueKind == JsonValueKind.Object)
            Assert.Matches(@"^Next milestone: [\d,]+ views in ~\d+ (minute|hour|day)s? \(~[\d,]+ views/h over the last day\)$", forecast);
        else
            Assert.StartsWith("No milestone forecast", forecast);

        // The range switch asks the journal for that range.
        foreach (var (range, span) in new[] { ("1h", TimeSpan.FromHours(1)), ("7d", TimeSpan.FromDays(7)), ("30d", TimeSpan.FromDays(30)), ("24h", TimeSpan.FromDays(1)) })
        {
            var request = page.WaitForRequestAsync(r => r.Url.Contains($"/videos/{alerted}/history?from=", StringComparison.Ordinal));
            await page.ClickAsync($"#ranges button[data-range='{range}']");
            var from = DateTimeOffset.Parse(Uri.UnescapeDataString(new Uri((await request).Url).Query.Split("from=")[1].Split('&')[0]), CultureInfo.InvariantCulture);
            Assert.InRange(DateTimeOffset.UtcNow - from, span - TimeSpan.FromMinutes(2), span + TimeSpan.FromMinutes(2));
            await page.Locator($"#chart[data-range='{range}']").WaitForAsync();
            Assert.Equal("on", await page.GetAttributeAsync($"#ranges button[data-range='{range}']", "class"));
        }

        // The alert feed keeps one video's alerts when asked.
        await page.SelectOptionAsync("#alerts-video", alerted);
        await page.WaitForFunctionAsync(
            "id => { const items = [...document.querySelectorAll('#alerts li')]; return items.length > 0 && items.every(li => li.dataset.videoId === id); }", alerted);
        await page.SelectOptionAsync("#alerts-video", "");

        // A later alert arrives over the open connection, without a reload.
        var before = await page.EvalOnSelectorAllAsync<string[]>("#alerts li", "items => items.map(i => i.dataset.alertId)");
        await page.WaitForFunctionAsync(
            "ids => [...document.querySelectorAll('#alerts li.fresh')].some(li => !ids.includes(li.dataset.alertId))",
            before, new() { Timeout = 60_000 });
        Assert.True(await page.EvaluateAsync<bool>("window.sameDocument === true")); // the page was not reloaded

        // YouTube strings are text, never markup: the demo's "<script>…" title shows as written and runs nothing.
        var scriptTitle = videos.Select(v => v.GetProperty("title").GetString())
            .FirstOrDefault(t => t is not null && t.Contains("<script>", StringComparison.Ordinal));
        if (scriptTitle is not null)
            Assert.Contains(scriptTitle, await page.Locator("#videos").InnerTextAsync());
        Assert.Equal(2, await page.EvalOnSelectorAllAsync<int>("script", "s => s.length")); // uPlot and the dashboard's own
        Assert.Equal(0, dialogs);

        // The first laptop screen holds the summary, the chart and the alerts, and the table starts on it.
        foreach (var panel in new[] { "#summary", "#chart-panel", "#alerts-panel", "#videos-panel" })
            Assert.True((await page.Locator(panel).BoundingBoxAsync())!.Y < 900, panel + " starts below the first screen");
        lock (_scriptErrors)
            Assert.Empty(_scriptErrors);

        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "dashboard-laptop.png") });
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "dashboard-laptop-full.png"), FullPage = true });
        Assert.True(new FileInfo(Path.Combine(ScreenshotFolder, "dashboard-laptop.png")).Length > 10_000);
    }

    private static Task<string[]> Labels(IPage page) =>
        page.EvalOnSelectorAllAsync<string[]>("#chart .u-legend .u-series .u-label", "l => l.map(x => x.textContent)");

    [Fact]
    public async Task Should_show_the_summary_and_the_alerts_first_on_a_phone()
    {
        var page = await OpenAsync(390, 844, phone: true);
        await page.WaitForFunctionAsync($"() => document.querySelector('#sum-videos .value').textContent === '{DemoVideos}'");
        await page.Locator("#alerts li").First.WaitForAsync();
        await page.WaitForFunctionAsync("() => /^\\d/.test(document.querySelector('#sum-samples-rate .value').textContent)");
        // The time axis labels at least two instants once the live points span a few seconds.
        await page.WaitForFunctionAsync("() => (document.getElementById('chart').dataset.xTicks ?? '').split('|').filter(t => t).length >= 2");

        // Summary, then alerts, then the chart and the table; the first two start on the first screen.
        var order = new List<float>();
        foreach (var panel in new[] { "#summary", "#alerts-panel", "#chart-panel", "#videos-panel" })
            order.Add((await page.Locator(panel).BoundingBoxAsync())!.Y);
        Assert.Equal(order.Order(), order);
        Assert.True(order[0] < 844 && order[1] < 844, string.Join(", ", order));
        // On a phone nothing scrolls sideways: the page is no wider than the screen.
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390);

        // Thumbnails, sparklines and the chart's axes are there at this width too.
        var first = page.Locator("#videos tbody tr").First;
        var id = await first.GetAttributeAsync("data-video-id");
        Assert.Equal($"https://i.ytimg.com/vi/{id}/mqdefault.jpg", await first.Locator("img").GetAttributeAsync("src"));
        Assert.True(await first.Locator("svg.sparkline").IsVisibleAsync());
        Assert.True(await page.Locator("#chart .u-axis").CountAsync() >= 3);
        Assert.True((await page.GetAttributeAsync("#chart", "data-y-ticks"))!.Split('|').Length >= 2);
        Assert.True(await page.Locator("#ranges button[data-range='7d']").IsVisibleAsync());
        Assert.True((await page.Locator("#chart canvas").BoundingBoxAsync())!.Width <= 390);
        lock (_scriptErrors)
            Assert.Empty(_scriptErrors);

        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "dashboard-phone.png") });
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "dashboard-phone-full.png"), FullPage = true });
        Assert.True(new FileInfo(Path.Combine(ScreenshotFolder, "dashboard-phone.png")).Length > 10_000);
    }

    [Fact]
    public async Task Should_list_the_watched_channels_and_chart_the_subscribers_of_one()
    {
        var region = _factory.Registry.Get<ChannelRegion>();
        var at = DateTimeOffset.UtcNow.AddHours(-3);
        foreach (var (hour, subscribers) in new[] { (0, 1_200_000L), (1, 1_210_000L), (2, 1_230_000L) })
            await region.Ask<ChannelCommands.StatsAccepted>(new ChannelCommands.RecordStats(new ChannelStatsObserved(
                Channel, "Rick <b>Astley</b>", subscribers, 2_000_000_000 + hour, 300, at.AddHours(hour), SampleSources.YouTube)), TimeSpan.FromSeconds(20), Cancel);

        var page = await OpenAsync(1440, 900, phone: false);
        var row = page.Locator($"#channels tbody tr[data-channel-id='{Channel}']");
        await row.WaitForAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('channel-chart').dataset.points === '3'");

        var cells = await row.Locator("td").AllInnerTextsAsync();
        Assert.StartsWith("Rick <b>Astley</b>", cells[0]); // the title as text, never as markup
        Assert.Equal(0, await row.Locator("b").CountAsync());
        Assert.Equal("1,230,000", cells[1]);
        Assert.Equal("2,000,000,002", cells[2]);
        Assert.Equal("300", cells[3]);
        Assert.Equal("1230000", await page.GetAttributeAsync("#channel-chart", "data-last"));
        Assert.True(await page.Locator("#channel-chart canvas").CountAsync() > 0);
        Assert.True(await page.Locator("#channel-chart .u-axis").CountAsync() >= 2);
        Assert.Contains("Subscribers: Rick <b>Astley</b>", await page.InnerTextAsync("#channel-chart-title"));
        Assert.True(await page.Locator("#channels-empty").IsHiddenAsync());
        lock (_scriptErrors)
            Assert.Empty(_scriptErrors);
        await page.Locator("#channels-panel").ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "dashboard-channels.png") });
    }

    [GeneratedRegex(@"^https://i\.ytimg\.com/vi/[A-Za-z0-9_-]{11}/mqdefault\.jpg$")]
    private static partial Regex ThumbnailUrl();
}
