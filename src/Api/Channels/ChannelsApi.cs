using System.Globalization;
using System.Text;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using YouTubeAnalytics.Actors.Channels;
using YouTubeAnalytics.Actors.Watchlist;
using YouTubeAnalytics.Api.Videos;

namespace YouTubeAnalytics.Api.Channels;

/// <summary>/channels: the watched channels, one channel's state from its actor, its history from its journal.</summary>
public static class ChannelsApi
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapChannelsApi(this IEndpointRouteBuilder app)
    {
        var channels = app.MapGroup("/channels").WithTags("Channels");

        channels.MapGet("/", ListChannels)
            .WithName("ListChannels")
            .WithSummary("Watched channels with their latest statistics (subscribers as YouTube publishes them, null when hidden)")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        channels.MapGet("/{id}/stats", GetChannelStats)
            .WithName("GetChannelStats")
            .WithSummary("A channel's current state (by UC… id, or by a watched @handle once resolved), read from its actor")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        channels.MapGet("/{id}/history", GetChannelHistory)
            .WithName("GetChannelHistory")
            .WithSummary("A channel's samples between from and to (ISO 8601), from its journal; JSON, or CSV with format=csv or Accept: text/csv")
            .WithDescription("Never older than History:Retention (default 30 days); at most 20,000 points, the newest; 429 with Retry-After past History:MaxConcurrentReads reads in flight on the node.")
            .ProducesHistory<ChannelHistoryDto>();
        return app;
    }

    private static async Task<Results<Ok<ChannelListDto>, ProblemHttpResult>> ListChannels(
        IRequiredActor<WatchlistActor> watchlist, IRequiredActor<ChannelRegion> region, ChannelDirectory directory, HttpContext http)
    {
        try
        {
            var actor = await watchlist.GetAsync(http.RequestAborted);
            var reply = await actor.Ask<WatchlistQueries.WatchlistReply>(WatchlistQueries.GetWatchlist.Instance, AskTimeout, http.RequestAborted);
            var items = await Task.WhenAll(reply.Targets.Where(t => t.Kind == WatchKind.Channel).Select(async t =>
            {
                var id = directory.Resolve(t.Id);
                var state = id is null ? null : await StateOf(region, id, http.RequestAborted);
                return new ChannelItemDto(t.Id, id, state is { HasSamples: true } ? ChannelStatsDto.From(state) : null);
            }));
            return TypedResults.Ok(new ChannelListDto(items));
        }
        catch (AskTimeoutException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Channels temporarily unavailable",
                detail: $"The watchlist or a channel did not answer within {AskTimeout.TotalSeconds:0} s. Try again.");
        }
    }

    private static async Task<Results<Ok<ChannelStatsDto>, ProblemHttpResult>> GetChannelStats(
        string id, IRequiredActor<ChannelRegion> region, ChannelDirectory directory, HttpContext http)
    {
        if (!TryResolve(id, directory, out var channelId, out var problem))
            return problem;
        ChannelState state;
        try
        {
            state = await StateOf(region, channelId, http.RequestAborted);
        }
        catch (AskTimeoutException)
        {
            return Unavailable(channelId);
        }
        return state.HasSamples ? TypedResults.Ok(ChannelStatsDto.From(state)) : UnknownChannel(channelId);
    }

    private static async Task<Results<Ok<ChannelHistoryDto>, ContentHttpResult, ProblemHttpResult>> GetChannelHistory(
        string id, string? from, string? to, string? format, ActorSystem system, IRequiredActor<ChannelRegion> region,
        ChannelDirectory directory, HistoryReadGate gate, IOptions<HistoryOptions> history, TimeProvider clock, HttpContext http)
    {
        if (!TryResolve(id, directory, out var channelId, out var problem))
            return problem;
        if (!HistoryRequest.TryRead(from, to, format, http.Request, clock.GetUtcNow(), history.Value.Retention, out var window, out problem))
            return problem;
        using var lease = gate.Gate.TryEnter();
        if (lease is null)
            return HistoryRequest.TooManyReads(http, gate.Gate.Limit);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(AskTimeout);
        ChannelHistoryDto result;
        try
        {
            if (!(await StateOf(region, channelId, timeout.Token)).HasSamples)
                return UnknownChannel(channelId);
            result = await ReadHistoryAsync(system, channelId, window, gate, timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or AskTimeoutException && !http.RequestAborted.IsCancellationRequested)
        {
            return Unavailable(channelId);
        }
        if (!window.Csv)
            return TypedResults.Ok(result);
        var text = new StringBuilder("observedAt,subscriberCount,viewCount,videoCount\n");
        foreach (var p in result.Points)
            text.Append(CultureInfo.InvariantCulture,
                $"{p.ObservedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ},{p.SubscriberCount},{p.ViewCount},{p.VideoCount}\n");
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{channelId}-history.csv\"";
        return TypedResults.Text(text.ToString(), "text/csv", Encoding.UTF8);
    }

    /// <summary>The channel's StatsRecorded events in the window, read from its journal behind a kill switch tied to the request.</summary>
    private static async Task<ChannelHistoryDto> ReadHistoryAsync(
        ActorSystem system, string channelId, HistoryRequest window, HistoryReadGate gate, CancellationToken cancellationToken)
    {
        var (points, truncated) = await VideoHistory.ReadPointsAsync(system, ChannelActor.PersistenceIdFor(channelId), 0, long.MaxValue,
            evt => evt is ChannelEvents.StatsRecorded { Stats: var s } && s.ObservedAt >= window.Start && s.ObservedAt <= window.End
                ? new ChannelHistoryPoint(s.ObservedAt, s.SubscriberCount, s.ViewCount, s.VideoCount)
                : null,
            gate, cancellationToken);
        return new ChannelHistoryDto(channelId, window.Start, window.End, truncated, [.. points]);
    }

    private static async Task<ChannelState> StateOf(IRequiredActor<ChannelRegion> region, string channelId, CancellationToken cancellationToken) =>
        (await region.ActorRef.Ask<ChannelQueries.ChannelStatsReply>(new ChannelQueries.GetChannelStats(channelId), AskTimeout, cancellationToken)).State;

    private static bool TryResolve(string id, ChannelDirectory directory, out string channelId, out ProblemHttpResult problem)
    {
        problem = null!;
        channelId = id;
        if (id.StartsWith('@'))
        {
            if (!ChannelId.IsHandle(id))
            {
                problem = QueryParameters.BadRequest("id", "a handle is @ and 3 to 30 letters, digits, '_', '-' or '.'");
                return false;
            }
            if (directory.IdOf(id) is not { } resolved)
            {
                problem = TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown handle",
                    detail: "This handle is not a watched channel resolved by this node's sampler yet; use its UC… id.");
                return false;
            }
            channelId = resolved;
            return true;
        }
        if (ChannelId.TryValidate(id, out var reason))
            return true;
        problem = QueryParameters.BadRequest("id", reason);
        return false;
    }

    private static ProblemHttpResult UnknownChannel(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown channel",
            detail: $"No sample of channel {id} has been recorded.");

    private static ProblemHttpResult Unavailable(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Channel temporarily unavailable",
            detail: $"Channel {id} did not answer within {AskTimeout.TotalSeconds:0} s; its node or the journal may be failing over. Try again.");
}
