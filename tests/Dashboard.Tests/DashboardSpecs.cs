using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Dashboard.Tests;

/// <summary>
/// A running host on a real port with the demo source (fast samples, a low threshold so alerts come often), its
/// dashboard opened in Chromium: videos and a chart show, a new alert appears without a reload, screenshots are saved.
/// </summary>
public sealed class DashboardSpecs : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/lib/chromium/chromium";

    private readonly TestJournal _journal = TestJournal.Sqlite();
    private AppFactory _factory = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _baseUrl = "";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Where the screenshots go: the test's output folder.</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install -y chromium (.ci/run does).");
        _factory = new AppFactory(_journal, sink: null, source: null, new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Demo:VideoCount"] = "8",
            ["Demo:SampleInterval"] = "00:00:00.25",
            ["Alerts:ChangeThresholdPercent"] = "0.01",
            ["Alerts:MinimumChange"] = "1",
        });
        _factory.UseKestrel();
        _factory.StartServer();
        _baseUrl = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Single().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _factory.DisposeAsync();
        _journal.Dispose();
    }

    [Fact]
    public async Task Should_show_videos_a_chart_and_a_new_alert_without_reloading()
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        await page.GotoAsync(_baseUrl + "/dashboard");

        await page.Locator("#videos tbody tr").First.WaitForAsync(new() { Timeout = 30_000 });
        await page.Locator("#chart polyline").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        await page.Locator("#live.on").WaitForAsync(new() { Timeout = 30_000 });
        Assert.NotEmpty(await page.Locator("#chart polyline").GetAttributeAsync("points") ?? "");

        // Whatever the page shows now, a later alert must arrive over the open connection, without a reload.
        await page.EvaluateAsync("window.sameDocument = true");
        var before = await page.EvalOnSelectorAllAsync<string[]>("#alerts li", "items => items.map(i => i.dataset.alertId)");
        await page.WaitForFunctionAsync(
            "ids => [...document.querySelectorAll('#alerts li.fresh')].some(li => !ids.includes(li.dataset.alertId))",
            before, new() { Timeout = 60_000 });
        Assert.True(await page.EvaluateAsync<bool>("window.sameDocument === true")); // the page was not reloaded

        // YouTube strings are text, never markup: the demo's "<script>…" title shows as written and runs nothing.
        using var http = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        var listed = await http.GetFromJsonAsync<JsonElement>("/videos?pageSize=100", Cancel);
        var scriptTitle = listed.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("title").GetString())
            .FirstOrDefault(t => t is not null && t.Contains("<script>", StringComparison.Ordinal));
        if (scriptTitle is not null)
            Assert.Contains(scriptTitle, await page.Locator("#videos").InnerTextAsync());
        Assert.Equal(1, await page.EvalOnSelectorAllAsync<int>("script", "s => s.length"));
        Assert.Equal(0, dialogs);

        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "dashboard-laptop.png"), FullPage = true });

        var phone = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true });
        await phone.GotoAsync(_baseUrl + "/dashboard");
        await phone.Locator("#videos tbody tr").First.WaitForAsync(new() { Timeout = 30_000 });
        // On a phone nothing scrolls sideways: the page is no wider than the screen.
        Assert.True(await phone.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390);
        await phone.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "dashboard-phone.png"), FullPage = true });
        Assert.True(File.Exists(Path.Combine(ScreenshotFolder, "dashboard-laptop.png")));
    }
}
