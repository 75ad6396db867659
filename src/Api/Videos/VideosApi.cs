using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Api.ReadSide;

namespace YouTubeAnalytics.Api.Videos;

public static partial class VideosApi
{
    public const int MaxPageSize = 500;
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    private static readonly Dictionary<string, VideoSort> Sorts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["views"] = VideoSort.Views,
        ["recent"] = VideoSort.Recent,
        ["alerts"] = VideoSort.Alerts,
        ["change1h"] = VideoSort.Change1h,
        ["change24h"] = VideoSort.Change24h,
    };

    public static IEndpointRouteBuilder MapVideosApi(this IEndpointRouteBuilder app)
    {
        var videos = app.MapGroup("/videos").WithTags("Videos");

        videos.MapGet("/", ListVideos)
            .WithName("ListVideos")
            .WithSummary("Watched videos with their latest figures and their views gained in the last hour and day, paged")
            .WithDescription("sort = views | recent | alerts | change1h | change24h (highest first); channel = a channel id to filter by.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        videos.MapGet("/{id}/stats", GetVideoStats)
            .WithName("GetVideoStats")
            .WithSummary("A video's current state, read from its actor")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        videos.MapGet("/{id}/history", GetVideoHistory)
            .WithName("GetVideoHistory")
            .WithSummary("A video's samples between from and to (ISO 8601), from its journal; JSON, or CSV with format=csv or Accept: text/csv")
            .WithDescription("Never older than History:Retention (default 30 days); at most 20,000 points, the newest (truncated = true when more matched); 429 with Retry-After past History:MaxConcurrentReads reads in flight on the node.")
            .ProducesHistory<VideoHistoryDto>();
        return app;
    }

    private static async Task<Results<Ok<VideoPage>, ProblemHttpResult>> ListVideos(
        ILatestStatsReader reader, HttpContext http, string? page, string? pageSize, string? sort, string? channel)
    {
        if (!QueryParameters.TryParsePage(page, pageSize, MaxPageSize, int.MaxValue, out var pageNo, out var size, out var problem))
            return problem;
        var order = VideoSort.Views;
        if (sort is not null && !Sorts.TryGetValue(sort, out order))
            return QueryParameters.BadRequest("sort", $"must be one of {string.Join(", ", Sorts.Keys)}");
        if (channel is not null && !ChannelIdShape().IsMatch(channel))
            return QueryParameters.BadRequest("channel", "must be a channel id: 1 to 64 characters of A-Z, a-z, 0-9, _ and -");
        return TypedResults.Ok(await reader.ListAsync(new VideoQuery(pageNo, size, order, channel), http.RequestAborted));
    }

    private static async Task<Results<Ok<VideoStatsDto>, ProblemHttpResult>> GetVideoStats(
        string id, IRequiredActor<VideoRegion> region, HttpContext http)
    {
        if (!VideoId.TryValidate(id, out var reason))
            return QueryParameters.BadRequest("id", reason);
        VideoQueries.VideoStatsReply reply;
        try
        {
            reply = await region.ActorRef.Ask<VideoQueries.VideoStatsReply>(
                new VideoQueries.GetVideoStats(id), AskTimeout, http.RequestAborted);
        }
        catch (AskTimeoutException)
        {
            return Unavailable(id);
        }
        if (!reply.State.HasSamples)
            return UnknownVideo(id);
        return TypedResults.Ok(VideoStatsDto.From(reply.State, reply.Forecast));
    }

    private static async Task<Results<Ok<VideoHistoryDto>, ContentHttpResult, ProblemHttpResult>> GetVideoHistory(
        string id, string? from, string? to, string? format, ActorSystem system, IRequiredActor<VideoRegion> region,
        HistoryReadGate gate, IOptions<HistoryOptions> history, TimeProvider clock, HttpContext http)
    {
        if (!VideoId.TryValidate(id, out var reason))
            return QueryParameters.BadRequest("id", reason);
        if (!HistoryRequest.TryRead(from, to, format, http.Request, clock.GetUtcNow(), history.Value.Retention, out var window, out var problem))
            return problem;
        var (start, end, csv) = (window.Start, window.End, window.Csv);

        using var lease = gate.Gate.TryEnter();
        if (lease is null)
            return HistoryRequest.TooManyReads(http, gate.Gate.Limit);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(AskTimeout);
        VideoHistoryDto result;
        try
        {
            var range = await region.ActorRef.Ask<VideoQueries.HistoryRange>(
                new VideoQueries.GetHistoryRange(id, start, end), AskTimeout, timeout.Token);
            if (!range.HasSamples)
                return UnknownVideo(id);
            result = await VideoHistory.ReadAsync(system, range, start, end, gate, timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or AskTimeoutException && !http.RequestAborted.IsCancellationRequested)
        {
            return Unavailable(id);
        }
        if (!csv)
            return TypedResults.Ok(result);
        var text = new StringBuilder("observedAt,viewCount,likeCount,commentCount\n");
        foreach (var p in result.Points)
            text.Append(CultureInfo.InvariantCulture,
                $"{p.ObservedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ},{p.ViewCount},{p.LikeCount},{p.CommentCount}\n");
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{id}-history.csv\"";
        return TypedResults.Text(text.ToString(), "text/csv", Encoding.UTF8);
    }

    private static ProblemHttpResult UnknownVideo(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown video",
            detail: $"No sample of video {id} has been recorded.");

    private static ProblemHttpResult Unavailable(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Video temporarily unavailable",
            detail: $"Video {id} did not answer within {AskTimeout.TotalSeconds:0} s; its node or the journal may be failing over. Try again.");

    internal static ProblemHttpResult BadRequest(string parameter, string reason) => QueryParameters.BadRequest(parameter, reason);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ChannelIdShape();
}
