using System.Globalization;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Cli.Tests;

/// <summary>`yta alerts`, `top`, `pipeline`; --json as the API's bytes; group commands' help; admin options where they apply.</summary>
public sealed class SurfaceCommandSpecs : CliSpec
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddMinutes(-30);

    private static VideoStatsObserved Sample(string id, int minute, long views, string title) =>
        new(id, "UCx", title, "A channel", T0.AddDays(-3), views, views / 20, views / 200, T0.AddMinutes(minute), SampleSources.YouTube);

    /// <summary>Two videos: "aaa…" gains 10% twice (two alerts), "bbb…" gains 20% once (one alert).</summary>
    private async Task SeedAsync()
    {
        Source.Write(Sample("aaaaaaaaaaa", 0, 10_000, "Grows + grows"), Sample("aaaaaaaaaaa", 1, 11_000, "Grows + grows"),
            Sample("aaaaaaaaaaa", 2, 12_100, "Grows + grows"),
            Sample("bbbbbbbbbbb", 0, 50_000, "Jumps"), Sample("bbbbbbbbbbb", 1, 60_000, "Jumps"));
        await Eventually.Holds(async () =>
        {
            var (exit, output, _) = await Yta("alerts", "--json");
            Assert.Equal(0, exit);
            Assert.Contains("\"total\":3", output);
        }, cancellationToken: Cancel);
    }

    [Fact]
    public async Task Should_list_recent_alerts_and_those_of_one_video()
    {
        await SeedAsync();

        var (exit, all, _) = await Yta("alerts");
        Assert.Equal(0, exit);
        Assert.StartsWith("Observed", all);
        Assert.Contains("3 alerts kept", all);
        // Local time, whole seconds: no 'T', no fraction, no offset.
        var expected = T0.AddMinutes(2).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        Assert.Contains(expected + "  aaaaaaaaaaa", all);
        Assert.DoesNotMatch(@"\d{2}:\d{2}:\d{2}\.\d", all);

        var (_, one, _) = await Yta("alerts", "--video", "bbbbbbbbbbb");
        Assert.Contains("bbbbbbbbbbb", one);
        Assert.DoesNotContain("aaaaaaaaaaa", one);
        Assert.Contains("1 alerts kept for bbbbbbbbbbb", one);
    }

    [Fact]
    public async Task Should_rank_the_biggest_movers_first()
    {
        await SeedAsync();

        var (exit, output, _) = await Yta("top");
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Video", lines[0]);
        Assert.StartsWith("bbbbbbbbbbb", lines[2]); // +10,000 in the hour
        Assert.Contains("10,000", lines[2]);
        Assert.StartsWith("aaaaaaaaaaa", lines[3]); // +2,100
    }

    [Fact]
    public async Task Should_show_the_pipelines_stages_and_figures()
    {
        await SeedAsync();

        var (exit, output, _) = await Yta("pipeline", "--interval", "0");
        Assert.Equal(0, exit);
        Assert.Matches(@"ingest\s+yes", output);
        Assert.Matches(@"alert-notifier\s+yes", output);
        Assert.Matches(@"samples accepted\s+5 ", output);
        Assert.Matches(@"alerts raised\s+3 ", output);
        Assert.Matches(@"consumer lag\s+-", output);
        Assert.Matches(@"dead letters\s+-", output); // embedded: no Kafka consumer
        Assert.Matches(@"parked chats\s+-", output); // the test's sink is not Telegram
        Assert.Contains("youtube quota", output);
    }

    [Fact]
    public async Task Should_print_the_apis_bytes_unchanged_with_json()
    {
        await SeedAsync();
        using var http = Host.CreateClient();
        foreach (var (command, path) in new[]
                 {
                     (new[] { "alerts" }, "/alerts?pageSize=20"),
                     (new[] { "top" }, "/videos?sort=change1h&pageSize=10"),
                     (new[] { "video", "aaaaaaaaaaa" }, "/videos/aaaaaaaaaaa/stats"),
                     (new[] { "watch", "list" }, "/watchlist"),
                     (new[] { "channel" }, "/channels"),
                 })
        {
            var (exit, output, _) = await Yta([.. command, "--json"]);
            Assert.Equal(0, exit);
            var api = await http.GetStringAsync(path, Cancel);
            Assert.Equal(api + Environment.NewLine, output);
        }
        var (_, alerts, _) = await Yta("alerts", "--json");
        Assert.Contains("Grows + grows", alerts); // not re-encoded as \u002B
    }

    [Theory]
    [InlineData("cluster")]
    [InlineData("watch")]
    public async Task Should_print_a_groups_help_when_given_alone(string group)
    {
        var (exit, output, error) = await Yta(group);
        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.Contains("Usage:", output);
        Assert.Contains("Commands:", output);
    }

    [Fact]
    public async Task Should_offer_the_admin_key_only_on_commands_that_change_something()
    {
        foreach (var readOnly in new[] { new[] { "alerts" }, ["top"], ["pipeline"], ["status"], ["cluster", "show"], ["watch", "list"] })
        {
            var (_, help, _) = await Yta([.. readOnly, "--help"]);
            Assert.DoesNotContain("--admin-key", help);
        }
        foreach (var change in new[] { new[] { "watch", "add" }, ["watch", "remove"], ["cluster", "leave"] })
        {
            var (_, help, _) = await Yta([.. change, "--help"]);
            Assert.Contains("--admin-key", help);
        }
    }
}
