using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using YouTubeAnalytics.Api.Alerts;
using YouTubeAnalytics.Api.ReadSide;

namespace YouTubeAnalytics.Api.Live;

/// <summary>Api:MaxEventStreams (open /events streams per node; more get a 503), Api:EventBuffer (events queued for one slow client).</summary>
public sealed class EventStreamOptions
{
    public int MaxEventStreams { get; set; } = 1_000;
    public int EventBuffer { get; set; } = 1_000; // absorbs a burst: a polling round publishes many videos at once
}

/// <summary>The /events streams open on this node (Api:MaxEventStreams).</summary>
public sealed class EventStreamGate(int limit)
{
    public ConcurrencyGate Gate { get; } = new(limit);
}

/// <summary>
/// GET /events: server-sent events for the dashboard. "alert" carries an <see cref="AlertDto"/> as it enters the
/// journal, "video" a <see cref="VideoListItem"/> as the read side stores it (from any node, through Redis).
/// At most Api:MaxEventStreams streams per node (503 with Retry-After past it). A client that does not read is
/// dropped once Api:EventBuffer events queued up for it: its connection is aborted, so neither its queue nor the
/// server's send buffers grow; the dashboard's EventSource reconnects by itself.
/// </summary>
public static class EventsApi
{
    public const string AlertEvent = "alert";
    public const string VideoEvent = "video";

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/events", (AlertFeed alerts, IVideoUpdateFeed videos, EventStreamGate gate, IOptions<EventStreamOptions> options,
                HttpContext http) =>
            {
                var lease = gate.Gate.TryEnter();
                if (lease is null)
                {
                    http.Response.Headers.RetryAfter = "5";
                    return (IResult)TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                        title: "Too many event streams",
                        detail: $"This node already serves {gate.Gate.Limit} event streams (Api:MaxEventStreams). Try again later or another node.");
                }
                http.Response.RegisterForDispose(lease); // released when the request ends, however it ends
                return TypedResults.ServerSentEvents(Stream(alerts, videos, options.Value.EventBuffer, http));
            })
            .WithTags("Live").WithName("StreamEvents")
            .WithSummary("Server-sent events: \"alert\" for each new alert, \"video\" for each video update")
            .Produces<AlertDto>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async IAsyncEnumerable<SseItem<object>> Stream(
        AlertFeed alerts, IVideoUpdateFeed videos, int buffer, HttpContext http, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var queue = new EventClientQueue<SseItem<object>>(buffer, http.Abort);
        void Offer(SseItem<object> item) => queue.Offer(item);
        using var alertSubscription = alerts.Subscribe(a => Offer(new SseItem<object>(a, AlertEvent) { EventId = a.AlertId }));
        using var videoSubscription = videos.Subscribe(v => Offer(new SseItem<object>(v, VideoEvent)));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, http.RequestAborted);
        // A first event at once, so that a client knows the stream is open before anything happens.
        yield return new SseItem<object>(new { at = DateTimeOffset.UtcNow }, "ready");
        while (true)
        {
            SseItem<object> item;
            try
            {
                if (!await queue.Reader.WaitToReadAsync(linked.Token) || !queue.Reader.TryRead(out item))
                    break;
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            yield return item;
        }
    }
}

/// <summary>
/// One /events client's queue: at most <c>capacity</c> events wait for it. An event offered to a full queue means
/// the client stopped reading (the stream's writes are blocked on it too), so the queue is completed and
/// <c>drop</c> runs once (EventsApi aborts the connection, which also frees what Kestrel holds for it). Offers
/// never block: they run on the feed's thread, shared by every client.
/// </summary>
public sealed class EventClientQueue<T>(int capacity, Action drop)
{
    private readonly Channel<T> _queue = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity)
    {
        FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full
        SingleReader = true,
    });

    public ChannelReader<T> Reader => _queue.Reader;

    /// <summary>True once the client was dropped for not reading.</summary>
    public bool Dropped { get; private set; }

    public void Offer(T item)
    {
        if (_queue.Writer.TryWrite(item) || !_queue.Writer.TryComplete())
            return;
        Dropped = true;
        Actors.Metrics.PipelineMeter.EventClientDropped();
        drop();
    }
}
