using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.EndToEnd.Tests;

/// <summary>
/// The first minutes of a new user, with the shipped executable: `cp .env.example .env`, fill it in, run. The .env
/// of the working directory is read (seed names and Section__Key names), a real environment variable wins over it,
/// a bad value in it stops the start naming the key; the log reads as one timestamped line per entry, no warnings.
/// </summary>
public sealed partial class DotEnvAndLogSpecs : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("yta-dotenv-").FullName;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<HostProcess> StartReadyAsync(string? dotEnv, Dictionary<string, string> environment, int port)
    {
        if (dotEnv is not null)
            await File.WriteAllTextAsync(Path.Combine(_folder, ".env"), dotEnv, Cancel);
        var host = HostProcess.Start(environment, _folder);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.Holds(async () =>
        {
            Assert.False(host.HasExited, string.Join('\n', host.Lines));
            (await http.GetAsync($"http://127.0.0.1:{port}/", Cancel)).EnsureSuccessStatusCode();
        }, TimeSpan.FromSeconds(60), Cancel);
        return host;
    }

    [Fact]
    public async Task Should_take_the_seed_names_and_section_keys_from_the_dot_env()
    {
        await using var youtube = await FakeYouTubeServer.StartAsync();
        youtube.Videos["dQw4w9WgXcQ"] = new FakeVideo(1_000, 10, 1, DateTimeOffset.UtcNow.AddDays(-3));
        var port = HostProcess.FreePort();
        using var host = await StartReadyAsync($"""
            # the seed's names
            YOUTUBE_API_KEY={FakeYouTubeServer.ValidKey}
            FETCH_INTERVAL=100
            # and Section__Key names
            YouTube__BaseUrl={youtube.BaseUrl}
            Watch__Videos__0=dQw4w9WgXcQ
            Api__Urls=http://127.0.0.1:{port}
            """, [], port);

        using var http = new HttpClient();
        var service = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{port}/", Cancel);
        Assert.Equal("youtube", service.GetProperty("source").GetString());
        Assert.Contains(host.Lines, l => l.Contains($"Settings read from {Path.Combine(_folder, ".env")}", StringComparison.Ordinal));
        Assert.Contains(host.Lines, l => l.Contains($"Polling YouTube at {youtube.BaseUrl}", StringComparison.Ordinal)
            && l.Contains("every 00:01:40", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Lines, l => l.Contains(FakeYouTubeServer.ValidKey, StringComparison.Ordinal));
        await host.StopAsync(Cancel);
    }

    [Fact]
    public async Task Should_stop_naming_the_key_when_the_dot_env_holds_a_bad_value()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, ".env"), "CHANGE_THRESHOLD=0\nApi__Urls=http://127.0.0.1:0\n", Cancel);
        using var host = HostProcess.Start(new Dictionary<string, string>(), _folder);
        await host.WaitForExitAsync(Cancel);

        Assert.Equal(2, host.ExitCode);
        var line = Assert.Single(host.Lines, l => l.StartsWith("Configuration error:", StringComparison.Ordinal));
        Assert.Contains("Alerts:ChangeThresholdPercent (CHANGE_THRESHOLD)", line);
    }

    [Fact]
    public async Task Should_let_a_real_environment_variable_win_over_the_dot_env()
    {
        var port = HostProcess.FreePort();
        using var host = await StartReadyAsync(
            $"Demo__VideoCount=3\nCHANGE_THRESHOLD=0\nApi__Urls=http://127.0.0.1:{port}\n",
            new() { ["Demo__VideoCount"] = "5", ["CHANGE_THRESHOLD"] = "7" }, port);

        Assert.Contains(host.Lines, l => l.Contains("so 5 demo videos are sampled", StringComparison.Ordinal));
        Assert.Contains(host.Lines, l => l.Contains("3 variable(s), 2 of them already set in the environment", StringComparison.Ordinal));
        await host.StopAsync(Cancel);
    }

    [Fact]
    public async Task Should_start_the_demo_with_one_timestamped_line_per_entry_and_no_warning()
    {
        var port = HostProcess.FreePort();
        using var host = await StartReadyAsync(null, new() { ["Api__Urls"] = $"http://127.0.0.1:{port}" }, port);
        // The start's lines: up to the host's last start-up line (the singleton proxies searched before it).
        await Eventually.Holds(() => Assert.Contains(host.Lines, l => l.Contains("Content root path", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), Cancel);
        var all = host.Lines;
        var lines = all.Take(all.ToList().FindIndex(l => l.Contains("Content root path", StringComparison.Ordinal)) + 1).ToList();

        Assert.InRange(lines.Count, 5, 20);
        Assert.All(lines, l => Assert.Matches(Entry(), l));
        Assert.DoesNotContain(lines, l => l.Contains(" WARN ", StringComparison.Ordinal) || l.Contains(" FAIL ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("[INFO]", StringComparison.Ordinal) || l.Contains("Akka.Actor.ActorSystem", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("SIMULATED DATA", StringComparison.Ordinal));
        await host.StopAsync(Cancel);
    }

    [Fact]
    public async Task Should_log_a_status_line_every_interval()
    {
        var port = HostProcess.FreePort();
        using var host = await StartReadyAsync($"Logging__StatusInterval=00:00:01\nDemo__VideoCount=4\nDemo__SampleInterval=00:00:00.2\nApi__Urls=http://127.0.0.1:{port}\n", [], port);

        // The first status lines may come before every demo video has its first sample.
        await Eventually.Holds(() => Assert.Contains(host.Lines, l => StatusEntry().IsMatch(l) && l.Contains(": 4 videos", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(20), Cancel);
        var line = host.Lines.Last(l => StatusEntry().IsMatch(l) && l.Contains(": 4 videos", StringComparison.Ordinal));
        Assert.Contains("4 videos", line);
        Assert.DoesNotContain("quota", line); // no YouTube key: no quota figure
        await host.StopAsync(Cancel);
    }

    [Fact]
    public void Should_word_every_figure_of_the_status_line() =>
        Assert.Equal("1,200 videos, 240 samples/min, alerts 17 raised, 15 delivered, quota 350/10,000 units, consumer lag 42, 1 parked chat(s), 0 failing target(s)",
            new YouTubeAnalytics.Host.Logging.StatusFigures(1_200, YouTubeAnalytics.Host.Logging.StatusFigures.Rate(1_000, 2_200, TimeSpan.FromMinutes(5)), 17, 15,
                new YouTubeAnalytics.Api.Pipeline.QuotaDto(350, 10_000, 9_650, DateTimeOffset.UnixEpoch, null), 42, ParkedChats: 1, FailingTargets: 0).Format());

    [GeneratedRegex(@"info StatusLine: Status: \d+ videos, [\d.]+ samples/min, alerts \d+ raised, \d+ delivered")]
    private static partial Regex StatusEntry();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z (trce|dbug|info|WARN|FAIL|CRIT) [\w.]+: \S")]
    private static partial Regex Entry();
}
