using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using YouTubeAnalytics.Api.Alerts;
using YouTubeAnalytics.Api.ReadSide;

namespace YouTubeAnalytics.Api.Live;

/// <summary>
/// GET /events: server-sent events for the dashboard. "alert" carries an <see cref="AlertDto"/> as it enters the
/// journal, "video" a <see cref="VideoListItem"/> as the read side stores it (from any node, through Redis).
/// A client that cannot keep up loses the oldest queued events, never the connection.
/// </summary>
public static class EventsApi
{
    public const string AlertEvent = "alert";
    public const string VideoEvent = "video";

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/events", (AlertFeed alerts, IVideoUpdateFeed videos, HttpContext http) =>
                TypedResults.ServerSentEvents(Stream(alerts, videos, http.RequestAborted)))
            .WithTags("Live").WithName("StreamEvents")
            .WithSummary("Server-sent events: \"alert\" for each new alert, \"video\" for each video update");
        return app;
    }

    private static async IAsyncEnumerable<SseItem<object>> Stream(
        AlertFeed alerts, IVideoUpdateFeed videos, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var queue = Channel.CreateBounded<SseItem<object>>(new BoundedChannelOptions(1_000)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        using var alertSubscription = alerts.Subscribe(a => queue.Writer.TryWrite(new SseItem<object>(a, AlertEvent) { EventId = a.AlertId }));
        using var videoSubscription = videos.Subscribe(v => queue.Writer.TryWrite(new SseItem<object>(v, VideoEvent)));
        // A first event at once, so that a client knows the stream is open before anything happens.
        yield return new SseItem<object>(new { at = DateTimeOffset.UtcNow }, "ready");
        while (true)
        {
            SseItem<object> item;
            try
            {
                item = await queue.Reader.ReadAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            yield return item;
        }
    }
}
