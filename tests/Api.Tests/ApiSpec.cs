using System.Net.Http.Json;
using System.Text.Json;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Api.Tests;

/// <summary>The real host with its actor system on a fresh SQLite file; samples go in through the ingest pipeline.</summary>
public abstract class ApiSpec : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddHours(-1);

    private readonly TestJournal _journal = TestJournal.Sqlite();

    protected ApiSpec(IDictionary<string, string?>? settings = null)
    {
        Factory = new AppFactory(_journal, Sink, Source, settings);
        Client = Factory.CreateClient();
    }

    protected ChannelVideoStatsSource Source { get; } = new();
    protected RecordingAlertSink Sink { get; } = new();
    protected AppFactory Factory { get; }
    protected HttpClient Client { get; }
    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        _journal.Dispose();
    }

    protected static VideoStatsObserved Sample(string videoId, int minute, long views, string title = "A video", string channelId = "UCabc") =>
        new(videoId, channelId, title, "A channel", T0.AddDays(-3), views, views / 20, views / 200, T0.AddMinutes(minute), SampleSources.YouTube);

    /// <summary>Feeds samples and waits until the API shows the last one of each video.</summary>
    protected async Task Ingest(params VideoStatsObserved[] samples)
    {
        Source.Write(samples);
        foreach (var last in samples.GroupBy(s => s.VideoId).Select(g => g.Last()))
        {
            await Eventually.Holds(async () =>
            {
                var stats = await Client.GetFromJsonAsync<JsonElement>($"/videos/{last.VideoId}/stats", Cancel);
                Assert.Equal(last.ObservedAt, stats.GetProperty("observedAt").GetDateTimeOffset());
            }, cancellationToken: Cancel);
        }
    }

    protected async Task<(int Status, JsonElement Body, string? ContentType)> Get(string url)
    {
        using var response = await Client.GetAsync(url, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        var body = text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return ((int)response.StatusCode, body, response.Content.Headers.ContentType?.MediaType);
    }
}
