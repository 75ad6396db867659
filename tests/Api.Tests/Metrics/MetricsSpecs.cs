using System.Globalization;
using System.Text.RegularExpressions;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Api.Tests.Metrics;

/// <summary>/metrics on the real host with the demo source: valid Prometheus text whose counters move with the samples.</summary>
[Collection(nameof(MetricsCollection))]
public sealed partial class MetricsSpecs : IAsyncLifetime
{
    private readonly TestJournal _journal = TestJournal.Sqlite();
    private readonly AppFactory _factory;
    private readonly HttpClient _client;

    public MetricsSpecs()
    {
        _factory = new AppFactory(_journal, sink: null, source: null, new Dictionary<string, string?>
        {
            ["Demo:VideoCount"] = "4",
            ["Demo:SampleInterval"] = "00:00:00.25",
            ["Alerts:ChangeThresholdPercent"] = "0.01",
            ["Alerts:MinimumChange"] = "1",
        });
        _client = _factory.CreateClient();
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        _journal.Dispose();
    }

    [Fact]
    public async Task Should_expose_prometheus_text_whose_counters_move_with_the_demo_source()
    {
        Scrape first = null!;
        await Eventually.Holds(async () =>
        {
            first = await ScrapeAsync();
            Assert.True(first.Value("yta_samples_accepted_total") > 0);
            Assert.True(first.Value("yta_video_actors_active") >= 4);
        }, within: TimeSpan.FromSeconds(60), cancellationToken: Cancel);

        Assert.Equal("counter", first.Types["yta_samples_accepted_total"]);
        Assert.Equal("counter", first.Types["yta_samples_ignored_total"]);
        Assert.Equal("counter", first.Types["yta_alerts_raised_total"]);
        Assert.Equal("counter", first.Types["yta_alerts_delivered_total"]);
        Assert.Equal("gauge", first.Types["yta_telegram_chats_parked"]);
        Assert.Equal("histogram", first.Types["yta_journal_write_duration_seconds"]);
        Assert.Contains(first.Samples, s => s.Name == "yta_alerts_delivered_total" && s.Labels.Contains("sink=\"log\""));
        Assert.True(first.Value("yta_journal_write_duration_seconds_count") > 0);

        // The demo keeps sampling: a later scrape counts more, and no counter ever goes back.
        Scrape later = null!;
        await Eventually.Holds(async () =>
        {
            later = await ScrapeAsync();
            Assert.True(later.Value("yta_samples_accepted_total") > first.Value("yta_samples_accepted_total"));
            Assert.True(later.Value("yta_alerts_raised_total") > 0);
        }, within: TimeSpan.FromSeconds(60), cancellationToken: Cancel);
        foreach (var counter in first.Samples.Where(s => first.Types.GetValueOrDefault(s.Name) == "counter"))
            Assert.True(later.Value(counter.Name, counter.Labels) >= counter.Value, counter.Name);
    }

    [Fact]
    public async Task Should_show_each_host_its_own_figures_when_a_process_runs_two()
    {
        // Two hosts in one process, each with its own observable instruments under the same names: a scrape reads
        // the host that serves it, never the other (here a second host with a recording sink, started after this one).
        using var journal = TestJournal.Sqlite();
        await using var other = new AppFactory(journal, new RecordingAlertSink(), source: null, new Dictionary<string, string?>
        {
            ["Demo:VideoCount"] = "2",
            ["Demo:SampleInterval"] = "00:00:00.25",
        });
        using var otherClient = other.CreateClient();
        await Eventually.Holds(async () =>
        {
            var own = await ScrapeAsync(_client);
            Assert.Contains(own.Samples, s => s.Name == "yta_alerts_delivered_total" && s.Labels.Contains("sink=\"log\""));
            Assert.DoesNotContain(own.Samples, s => s.Labels.Contains("sink=\"recording\""));
            var theirs = await ScrapeAsync(otherClient);
            Assert.Contains(theirs.Samples, s => s.Name == "yta_alerts_delivered_total" && s.Labels.Contains("sink=\"recording\""));
            Assert.DoesNotContain(theirs.Samples, s => s.Labels.Contains("sink=\"log\""));
        }, within: TimeSpan.FromSeconds(60), cancellationToken: Cancel);
    }

    private Task<Scrape> ScrapeAsync() => ScrapeAsync(_client);

    private static async Task<Scrape> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics", Cancel);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return Scrape.Parse(await response.Content.ReadAsStringAsync(Cancel));
    }

    private sealed record Sample(string Name, string Labels, double Value);

    /// <summary>The text exposition format 0.0.4: every line a TYPE or HELP comment or a sample of a declared family.</summary>
    private sealed partial record Scrape(IReadOnlyDictionary<string, string> Types, IReadOnlyList<Sample> Samples)
    {
        public static Scrape Parse(string text)
        {
            var types = new Dictionary<string, string>();
            var samples = new List<Sample>();
            foreach (var line in text.Split('\n'))
            {
                if (line.Length == 0)
                    continue;
                if (line.StartsWith('#'))
                {
                    var comment = CommentLine().Match(line);
                    Assert.True(comment.Success, $"not a Prometheus comment: {line}");
                    if (comment.Groups["kind"].Value == "TYPE")
                        types[comment.Groups["name"].Value] = comment.Groups["rest"].Value;
                    continue;
                }
                var sample = SampleLine().Match(line);
                Assert.True(sample.Success, $"not a Prometheus sample: {line}");
                var name = sample.Groups["name"].Value;
                var family = types.Keys.FirstOrDefault(f => name == f || name.StartsWith(f + "_", StringComparison.Ordinal));
                Assert.True(family is not null, $"{name} has no # TYPE before it");
                var value = sample.Groups["value"].Value switch
                {
                    "+Inf" => double.PositiveInfinity,
                    "-Inf" => double.NegativeInfinity,
                    var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
                };
                samples.Add(new Sample(name, sample.Groups["labels"].Value, value));
            }
            Assert.All(types.Values, t => Assert.Contains(t, new[] { "counter", "gauge", "histogram", "summary", "untyped" }));
            return new Scrape(types, samples);
        }

        /// <summary>The sum over a name's series (optionally only those with exactly these labels).</summary>
        public double Value(string name, string? labels = null)
        {
            var series = Samples.Where(s => s.Name == name && (labels is null || s.Labels == labels)).ToList();
            Assert.True(series.Count > 0, $"/metrics has no {name}{(labels is null ? "" : "{" + labels + "}")}: {string.Join(", ", Types.Keys)}");
            return series.Sum(s => s.Value);
        }

        [GeneratedRegex(@"^# (?<kind>TYPE|HELP) (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<rest>.*)$")]
        private static partial Regex CommentLine();

        [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*)\})? (?<value>[-+]?(\d+(\.\d*)?([eE][-+]?\d+)?|Inf|NaN|\.\d+([eE][-+]?\d+)?)|\+Inf|-Inf|NaN)( -?\d+)?$""")]
        private static partial Regex SampleLine();
    }
}

/// <summary>Alone in the process: the journal histogram and the actor gauge count every host the process runs.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class MetricsCollection;
