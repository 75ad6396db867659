using System.Net.ServerSentEvents;
using System.Text.Json;

namespace YouTubeAnalytics.Api.Tests.Live;

public sealed class EventsApiSpecs : ApiSpec
{
    [Fact]
    public async Task Should_push_video_updates_and_new_alerts_as_server_sent_events()
    {
        using var response = await Client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead, Cancel);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(Cancel);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var events = SseParser.Create(stream).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);

        Assert.True(await events.MoveNextAsync());
        Assert.Equal("ready", events.Current.EventType);

        Source.Write(Sample("aaaaaaaaaaa", 0, 10_000), Sample("aaaaaaaaaaa", 1, 11_000));

        var seen = new List<(string Type, JsonElement Data)>();
        while (!seen.Any(e => e.Type == "alert") && await events.MoveNextAsync())
            seen.Add((events.Current.EventType, JsonDocument.Parse(events.Current.Data).RootElement.Clone()));

        Assert.Contains(seen, e => e.Type == "video" && e.Data.GetProperty("viewCount").GetInt64() == 10_000);
        var alert = seen.Single(e => e.Type == "alert").Data;
        Assert.Equal("aaaaaaaaaaa", alert.GetProperty("videoId").GetString());
        Assert.Equal(11_000, alert.GetProperty("viewCount").GetInt64());
    }
}
