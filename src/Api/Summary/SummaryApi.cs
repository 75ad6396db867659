using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using YouTubeAnalytics.Api.Alerts;
using YouTubeAnalytics.Api.ReadSide;

namespace YouTubeAnalytics.Api.Summary;

/// <summary>
/// GET /summary: the dashboard's top row in one answer. Videos tracked and views gained come from the read side (each
/// video's latest gains added up), alerts from this node's alert feed; "today" is the UTC day.
/// </summary>
public sealed record SummaryDto(
    int VideosTracked,
    long ViewsGained1h,
    long ViewsGained24h,
    int AlertsToday,
    int AlertsLastHour,
    DateTimeOffset DayStartedAt);

public static class SummaryApi
{
    public static IEndpointRouteBuilder MapSummaryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/summary", GetSummary).WithTags("Summary").WithName("GetSummary")
            .WithSummary("Videos tracked, views gained by all of them in the last hour and day, alerts today (UTC) and in the last hour");
        return app;
    }

    private static async Task<Ok<SummaryDto>> GetSummary(ILatestStatsReader reader, AlertFeed alerts, TimeProvider clock, HttpContext http)
    {
        var totals = await reader.TotalsAsync(http.RequestAborted);
        var now = clock.GetUtcNow();
        var dayStart = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        return TypedResults.Ok(new SummaryDto(totals.Videos, totals.ViewsGained1h, totals.ViewsGained24h,
            alerts.CountSince(dayStart), alerts.CountSince(now - ViewChanges.Hour), dayStart));
    }
}
