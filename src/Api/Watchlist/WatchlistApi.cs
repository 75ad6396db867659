using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using YouTubeAnalytics.Actors.Watchlist;

namespace YouTubeAnalytics.Api.Watchlist;

/// <summary>Api:AdminKey, the header value that mutating endpoints require; empty means they refuse.</summary>
public sealed record AdminKey(string? Value)
{
    public const string Header = "X-Api-Key";

    /// <summary>Compares in constant time (hashes first, so the length does not leak either).</summary>
    public bool Accepts(string? presented) =>
        !string.IsNullOrEmpty(Value) && presented is not null
        && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(Value)));
}

/// <summary>POST /watchlist body: a URL of any common YouTube form, or a bare id / @handle.</summary>
public sealed record WatchRequest(string? Url, string? Id);

public sealed record WatchTargetDto(string Kind, string Id)
{
    public static WatchTargetDto From(WatchTarget t) => new(t.Kind.ToString().ToLowerInvariant(), t.Id);
}

public sealed record WatchlistDto(IReadOnlyList<WatchTargetDto> Targets, int VideoCount);

public static class WatchlistApi
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapWatchlistApi(this IEndpointRouteBuilder app)
    {
        var watchlist = app.MapGroup("/watchlist").WithTags("Watchlist");

        watchlist.MapGet("/", GetWatchlist)
            .WithName("GetWatchlist")
            .WithSummary("Watched videos, playlists and channels, and how many videos are polled");

        watchlist.MapPost("/", AddWatch)
            .WithName("AddWatch")
            .WithSummary("Watch a video, playlist or channel given by URL or id (header X-Api-Key)");

        watchlist.MapDelete("/{id}", RemoveWatch)
            .WithName("RemoveWatch")
            .WithSummary("Stop watching a video, playlist or channel (header X-Api-Key)");
        return app;
    }

    private static async Task<Ok<WatchlistDto>> GetWatchlist(IRequiredActor<WatchlistActor> actor, HttpContext http)
    {
        var reply = await Ask<WatchlistQueries.WatchlistReply>(actor, WatchlistQueries.GetWatchlist.Instance, http);
        return TypedResults.Ok(new WatchlistDto([.. reply.Targets.Select(WatchTargetDto.From)], reply.VideoCount()));
    }

    private static async Task<Results<Created<WatchTargetDto>, Ok<WatchTargetDto>, ProblemHttpResult>> AddWatch(
        WatchRequest? body, IRequiredActor<WatchlistActor> actor, AdminKey admin, HttpContext http)
    {
        if (Refused(admin, http) is { } refused)
            return refused;
        if (!YouTubeUrlParser.TryParse(body?.Url ?? body?.Id, out var target, out var reason))
            return Videos.VideosApi.BadRequest(body?.Url is not null ? "url" : "id", reason);
        var changed = await Ask<WatchlistCommands.WatchChanged>(actor, new WatchlistCommands.AddWatch(target), http);
        var dto = WatchTargetDto.From(target);
        return changed.Changed ? TypedResults.Created($"/watchlist/{Uri.EscapeDataString(target.Id)}", dto) : TypedResults.Ok(dto);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveWatch(
        string id, IRequiredActor<WatchlistActor> actor, AdminKey admin, HttpContext http)
    {
        if (Refused(admin, http) is { } refused)
            return refused;
        var changed = await Ask<WatchlistCommands.WatchChanged>(actor, new WatchlistCommands.RemoveWatch(id), http);
        return changed.Changed
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not watched",
                detail: "No watched video, playlist or channel has this id.");
    }

    /// <summary>403 with a reason when no admin key is configured; 401 when the header is missing or wrong. The key is never echoed.</summary>
    private static ProblemHttpResult? Refused(AdminKey admin, HttpContext http)
    {
        if (string.IsNullOrEmpty(admin.Value))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Changes are disabled",
                detail: "Api:AdminKey is not set on this node, so the watchlist cannot be changed over the API.");
        return admin.Accepts(http.Request.Headers[AdminKey.Header].FirstOrDefault())
            ? null
            : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Admin key required",
                detail: $"Send the value of Api:AdminKey in the {AdminKey.Header} header.");
    }

    private static async Task<T> Ask<T>(IRequiredActor<WatchlistActor> actor, object message, HttpContext http)
    {
        var watchlist = await actor.GetAsync(http.RequestAborted);
        return await watchlist.Ask<T>(message, AskTimeout, http.RequestAborted);
    }

    private static int VideoCount(this WatchlistQueries.WatchlistReply reply) => reply.VideoIds.Count;
}
