using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using YouTubeAnalytics.Actors.ReadSide;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Api.ReadSide;

namespace YouTubeAnalytics.Api.Videos;

public static class VideosApi
{
    public const int MaxPageSize = 500;
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapVideosApi(this IEndpointRouteBuilder app)
    {
        var videos = app.MapGroup("/videos").WithTags("Videos");

        videos.MapGet("/", ListVideos)
            .WithName("ListVideos")
            .WithSummary("Watched videos with their latest figures, paged");

        videos.MapGet("/{id}/stats", GetVideoStats)
            .WithName("GetVideoStats")
            .WithSummary("A video's current state, read from its actor");
        return app;
    }

    private static Results<Ok<VideoPage>, ProblemHttpResult> ListVideos(
        ILatestStatsReader reader, string? page, string? pageSize, string? sort)
    {
        if (!TryParseRange(page, "page", 1, 1, int.MaxValue, out var pageNo, out var problem)
            || !TryParseRange(pageSize, "pageSize", 50, 1, MaxPageSize, out var size, out problem))
            return problem;
        if (!TryParseSort(sort, out var order))
            return BadRequest("sort", $"must be one of {string.Join(", ", Enum.GetNames<VideoSort>().Select(n => n.ToLowerInvariant()))}");
        return TypedResults.Ok(reader.List(pageNo, size, order));
    }

    private static async Task<Results<Ok<VideoStatsDto>, ProblemHttpResult>> GetVideoStats(
        string id, IRequiredActor<VideoRegion> region, HttpContext http)
    {
        if (!VideoId.TryValidate(id, out var reason))
            return BadRequest("id", reason);
        VideoQueries.VideoStatsReply reply;
        try
        {
            reply = await region.ActorRef.Ask<VideoQueries.VideoStatsReply>(
                new VideoQueries.GetVideoStats(id), AskTimeout, http.RequestAborted);
        }
        catch (AskTimeoutException)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Video temporarily unavailable",
                detail: $"The actor of video {id} did not answer within {AskTimeout.TotalSeconds:0} s; its node may be failing over. Try again.");
        }
        if (!reply.State.HasSamples)
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Unknown video",
                detail: $"No sample of video {id} has been recorded.");
        return TypedResults.Ok(VideoStatsDto.From(reply.State));
    }

    private static bool TryParseRange(
        string? raw, string name, int fallback, int min, int max, out int value, out ProblemHttpResult problem)
    {
        problem = null!;
        if (raw is null)
        {
            value = fallback;
            return true;
        }
        if (int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value)
            && value >= min && value <= max)
            return true;
        problem = BadRequest(name, $"must be a whole number from {min} to {max}");
        return false;
    }

    private static bool TryParseSort(string? raw, out VideoSort sort)
    {
        sort = VideoSort.Views;
        return raw is null || (Enum.TryParse(raw, ignoreCase: true, out sort) && Enum.IsDefined(sort) && !int.TryParse(raw, out _));
    }

    internal static ProblemHttpResult BadRequest(string parameter, string reason) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: $"Invalid '{parameter}'",
            detail: $"'{parameter}' {reason}.");
}
