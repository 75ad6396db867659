using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using YouTubeAnalytics.Actors.Watchlist;
using YouTubeAnalytics.Api.Security;

namespace YouTubeAnalytics.Api.Watchlist;

/// <summary>POST /watchlist body: a URL of any common YouTube form, or a bare id / @handle.</summary>
public sealed record WatchRequest(string? Url, string? Id);

public sealed record WatchTargetDto(string Kind, string Id)
{
    /// <summary>Playlists and channels: "pending" (not read yet), "ok" or "failing"; null for a video.</summary>
    public string? State { get; init; }

    /// <summary>YouTube's reason of the last failed read (e.g. "playlistNotFound (HTTP 404)"), while failing.</summary>
    public string? Reason { get; init; }

    public DateTimeOffset? LastSuccessAt { get; init; }

    public DateTimeOffset? FailingSince { get; init; }

    public DateTimeOffset? RetryAt { get; init; }

    public static WatchTargetDto From(WatchTarget t) => new(t.Kind.ToString().ToLowerInvariant(), t.Id);

    public static WatchTargetDto From(WatchTarget t, TargetHealth health) => t.Kind == WatchKind.Video ? From(t) : From(t) with
    {
        State = health.State,
        Reason = health.Reason,
        LastSuccessAt = health.LastSuccessAt,
        FailingSince = health.FailingSince,
        RetryAt = health.RetryAt,
    };
}

public sealed record WatchlistDto(IReadOnlyList<WatchTargetDto> Targets, int VideoCount);

public static class WatchlistApi
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapWatchlistApi(this IEndpointRouteBuilder app)
    {
        var watchlist = app.MapGroup("/watchlist").WithTags("Watchlist")
            .AddEndpointFilter(async (context, next) =>
            {
                try
                {
                    return await next(context);
                }
                catch (AskTimeoutException)
                {
                    // The singleton is restarting after a failed journal write (or moving): nothing was acknowledged.
                    context.HttpContext.Response.Headers.RetryAfter = "5";
                    return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                        title: "Watchlist temporarily unavailable",
                        detail: "The watchlist did not answer in time; it restarts by itself once the journal accepts writes. Try again.");
                }
            })
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        watchlist.MapGet("/", GetWatchlist)
            .WithName("GetWatchlist")
            .WithSummary("Watched videos, playlists and channels (each playlist's and channel's state and reason), and how many videos are polled");

        watchlist.MapPost("/", AddWatch)
            .WithName("AddWatch")
            .WithSummary("Watch a video, playlist or channel given by URL or id (header X-Api-Key); with a YouTube key, a playlist or channel YouTube does not know is refused with 400")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireAdminKey();

        watchlist.MapDelete("/{id}", RemoveWatch)
            .WithName("RemoveWatch")
            .WithSummary("Stop watching a video, playlist or channel (header X-Api-Key)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAdminKey();
        return app;
    }

    private static async Task<Ok<WatchlistDto>> GetWatchlist(IRequiredActor<WatchlistActor> actor, HttpContext http)
    {
        var reply = await Ask<WatchlistQueries.WatchlistReply>(actor, WatchlistQueries.GetWatchlist.Instance, http);
        return TypedResults.Ok(new WatchlistDto([.. reply.Targets.Select(t => WatchTargetDto.From(t, reply.HealthOf(t)))], reply.VideoCount()));
    }

    private static async Task<Results<Created<WatchTargetDto>, Ok<WatchTargetDto>, ProblemHttpResult>> AddWatch(
        WatchRequest? body, IRequiredActor<WatchlistActor> actor, IWatchTargetCheck targets, HttpContext http)
    {
        var field = body?.Url is not null ? "url" : "id";
        if (!YouTubeUrlParser.TryParse(body?.Url ?? body?.Id, out var target, out var reason))
            return Videos.VideosApi.BadRequest(field, reason);
        if (await targets.CheckAsync(target, http.RequestAborted) is { Found: WatchTargetExistence.Kind.Missing } missing)
            return Videos.VideosApi.BadRequest(field, $"YouTube has no {target.Kind.ToString().ToLowerInvariant()} {target.Id}: {missing.Reason}");
        var changed = await Ask<WatchlistCommands.WatchChanged>(actor, new WatchlistCommands.AddWatch(target), http);
        var dto = WatchTargetDto.From(target);
        return changed.Changed ? TypedResults.Created($"/watchlist/{Uri.EscapeDataString(target.Id)}", dto) : TypedResults.Ok(dto);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveWatch(
        string id, IRequiredActor<WatchlistActor> actor, HttpContext http)
    {
        var changed = await Ask<WatchlistCommands.WatchChanged>(actor, new WatchlistCommands.RemoveWatch(id), http);
        return changed.Changed
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not watched",
                detail: "No watched video, playlist or channel has this id.");
    }

    private static async Task<T> Ask<T>(IRequiredActor<WatchlistActor> actor, object message, HttpContext http)
    {
        var watchlist = await actor.GetAsync(http.RequestAborted);
        return await watchlist.Ask<T>(message, AskTimeout, http.RequestAborted);
    }

    private static int VideoCount(this WatchlistQueries.WatchlistReply reply) => reply.VideoIds.Count;
}
