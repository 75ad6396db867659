using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Cli.Commands;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Cli.Tests;

public sealed class YtaCommandSpecs : CliSpec
{
    [Fact]
    public async Task Should_show_the_cluster_as_a_table()
    {
        await Eventually.Holds(async () =>
        {
            var (exit, output, _) = await Yta("cluster", "show");
            Assert.Equal(0, exit);
            Assert.Matches(@"akka\.tcp://youtube-analytics@\S+ \(this node\)\s+Up\s+yes\s+leader", output);
            Assert.StartsWith("Address", output);
            Assert.Contains("Resolver: keep-majority, stable-after 00:00:20, down-removal-margin 00:00:20", output);
            Assert.Contains("Last decision: none (no member downed since this node started)", output);
        }, cancellationToken: Cancel);
    }

    [Fact]
    public async Task Should_show_who_sees_a_member_unreachable_and_the_resolvers_last_decision()
    {
        // The API's shape during a partition, as node-1 answers it: node-3 frozen, node-2 downed a minute ago.
        const string members = """
            {"self":"akka.tcp://youtube-analytics@node-1:4053","leader":"akka.tcp://youtube-analytics@node-1:4053",
             "members":[
              {"address":"akka.tcp://youtube-analytics@node-1:4053","status":"Up","roles":[],"reachable":true,"isLeader":true,"isSelf":true,"unreachableFrom":[]},
              {"address":"akka.tcp://youtube-analytics@node-3:4053","status":"Up","roles":[],"reachable":false,"isLeader":false,"isSelf":false,
               "unreachableFrom":["akka.tcp://youtube-analytics@node-1:4053","akka.tcp://youtube-analytics@node-4:4053"]}],
             "resolver":{"strategy":"keep-majority","stableAfter":"00:00:20","downRemovalMargin":"00:00:20",
              "lastDecision":{"downed":["akka.tcp://youtube-analytics@node-2:4053"],"at":"2026-12-02T01:02:03.456+00:00"}}}
            """;
        var output = new StringWriter();
        var error = new StringWriter();
        using var handler = new CannedAnswer(members);

        var exit = await YtaCommand.RunAsync(["cluster", "show", "--api", "http://node-1:8000"], output, error, handler);

        Assert.Equal(0, exit);
        var shown = output.ToString();
        Assert.Matches(@"node-3:4053\s+Up\s+NO \(seen by akka\.tcp://youtube-analytics@node-1:4053, akka\.tcp://youtube-analytics@node-4:4053\)", shown);
        var at = DateTimeOffset.Parse("2026-12-02T01:02:03.456+00:00", CultureInfo.InvariantCulture).ToLocalTime();
        Assert.Contains($"Last decision: downed akka.tcp://youtube-analytics@node-2:4053 at {at:yyyy-MM-dd HH:mm:ss}", shown); // local time, as every table
    }

    private sealed class CannedAnswer(string json) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK)
            {
                Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
            });
    }

    [Fact]
    public async Task Should_print_the_apis_json_for_scripts()
    {
        await Eventually.Holds(async () =>
        {
            var (exit, output, _) = await Yta("cluster", "show", "--json");

            Assert.Equal(0, exit);
            var members = JsonDocument.Parse(output).RootElement.GetProperty("members");
            Assert.Equal(1, members.GetArrayLength()); // once the node has joined itself
        }, cancellationToken: Cancel);
    }

    [Fact]
    public async Task Should_show_a_video_and_the_shards()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        Source.Write(new VideoStatsObserved("dQw4w9WgXcQ", "UCx", "Never Gonna", "Rick", at.AddYears(-15), 1_200_000, null, 40, at.AddHours(-1), SampleSources.YouTube));
        Source.Write(new VideoStatsObserved("dQw4w9WgXcQ", "UCx", "Never Gonna", "Rick", at.AddYears(-15), 1_234_567, null, 42, at, SampleSources.YouTube));

        await Eventually.Holds(async () =>
        {
            var (exit, output, _) = await Yta("video", "dQw4w9WgXcQ");
            Assert.Equal(0, exit);
            Assert.Matches(@"viewCount\s+1,234,567", output);
            Assert.Matches(@"likeCount\s+-", output);
            Assert.Matches(@"baseline\.views\s+1,200,000 at ", output);
            Assert.Matches(@"nextMilestone\s+10,000,000 views in ~11 days \(", output); // 34,567 views an hour
        }, cancellationToken: Cancel);

        var (shardsExit, shards, _) = await Yta("cluster", "shards");
        Assert.Equal(0, shardsExit);
        Assert.Contains("1 videos in memory", shards);
    }

    [Fact]
    public async Task Should_show_a_broadcasts_status_viewers_and_peak()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-10);
        VideoStatsObserved Sample(int minute, string content, long? viewers) =>
            new("jfKfPfyJRdk", "UCx", "lofi radio", "Lofi Girl", at.AddDays(-1), 1_000 + minute, 10, 1, at.AddMinutes(minute), SampleSources.YouTube)
            {
                LiveBroadcastContent = content,
                ConcurrentViewers = viewers,
                ActualStartTime = content == "upcoming" ? null : at.AddMinutes(1),
            };
        Source.Write(Sample(0, "upcoming", null), Sample(2, "live", 12_345), Sample(3, "live", 9_876));

        await Eventually.Holds(async () =>
        {
            var (exit, output, _) = await Yta("video", "jfKfPfyJRdk");
            Assert.Equal(0, exit);
            Assert.Matches(@"live\.status\s+live", output);
            Assert.Matches(@"live\.viewers\s+9,876", output);
            Assert.Matches($@"live\.peak\s+12,345 at {Regex.Escape(CliContext.Time(at.AddMinutes(2)))}", output);
            Assert.Matches(@"live\.ended\s+-", output);
            Assert.DoesNotContain("{", output); // no JSON object dumped as a value
        }, cancellationToken: Cancel);
    }

    [Fact]
    public async Task Should_say_why_the_api_refused()
    {
        var (exit, _, error) = await Yta("video", "short");

        Assert.Equal(1, exit);
        Assert.Contains("400", error);
        Assert.Contains("11 characters", error);
    }

    [Fact]
    public async Task Should_refuse_to_leave_without_an_admin_key_on_the_node()
    {
        var (exit, _, error) = await Yta("cluster", "leave", "akka.tcp://youtube-analytics@localhost:1", "--admin-key", "whatever-whatever-1");

        Assert.Equal(1, exit);
        Assert.Contains("403", error);
        Assert.Contains("Api:AdminKey", error);
        Assert.DoesNotContain("whatever-whatever-1", error);
    }

    [Fact]
    public async Task Should_exit_3_when_the_api_cannot_be_reached()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var handler = new HttpClientHandler();

        var exit = await YtaCommand.RunAsync(["cluster", "show", "--api", "http://127.0.0.1:1"], output, error, handler);

        Assert.Equal(3, exit);
        Assert.Contains("cannot reach the API at http://127.0.0.1:1/", error.ToString());
    }

    [Fact]
    public async Task Should_exit_2_on_bad_usage()
    {
        var (exit, _, error) = await Yta("cluster", "explode");

        Assert.Equal(2, exit);
        Assert.NotEmpty(error);
    }
}
