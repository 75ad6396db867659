using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using YouTubeAnalytics.Api.Videos;

namespace YouTubeAnalytics.Api.Alerts;

public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/alerts", ListAlerts).WithTags("Alerts").WithName("ListAlerts")
            .WithSummary($"Recent alerts, newest first, paged (the last {AlertFeed.Capacity} within History:Retention)")
            .WithDescription("video = a video id: only that video's alerts (the dashboard's chart markers, `yta alerts --video`).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static Results<Ok<AlertPage>, ProblemHttpResult> ListAlerts(AlertFeed feed, string? page, string? pageSize, string? video)
    {
        if (!QueryParameters.TryParsePage(page, pageSize, VideosApi.MaxPageSize, AlertFeed.Capacity, out var pageNo, out var size, out var problem))
            return problem;
        if (video is not null && !YouTubeAnalytics.Actors.Videos.VideoId.TryValidate(video, out var reason))
            return QueryParameters.BadRequest("video", reason);
        return TypedResults.Ok(feed.Page(pageNo, size, video));
    }
}
