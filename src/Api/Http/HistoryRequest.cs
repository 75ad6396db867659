using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace YouTubeAnalytics.Api;

/// <summary>What a /history request asks for, read once for videos and channels: the window within the retention, JSON or CSV.</summary>
public sealed record HistoryRequest(DateTimeOffset Start, DateTimeOffset End, bool Csv)
{
    public static bool TryRead(
        string? from, string? to, string? format, HttpRequest request, DateTimeOffset now, TimeSpan retention,
        out HistoryRequest window, out ProblemHttpResult problem)
    {
        window = null!;
        if (!QueryParameters.TryParseInstant(from, "from", out var fromAt, out problem)
            || !QueryParameters.TryParseInstant(to, "to", out var toAt, out problem))
            return false;
        var csv = format?.ToLowerInvariant() switch
        {
            null => request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase),
            "csv" => true,
            "json" => false,
            _ => (bool?)null,
        };
        if (csv is null)
        {
            problem = QueryParameters.BadRequest("format", "must be json or csv");
            return false;
        }
        var oldest = now - retention;
        var start = fromAt is { } f && f > oldest ? f : oldest;
        var end = toAt ?? now;
        if (end < start)
        {
            problem = QueryParameters.BadRequest(toAt is null ? "from" : "to",
                toAt is null ? "must not be in the future" : "must not be before 'from' (or before the retention window)");
            return false;
        }
        window = new HistoryRequest(start, end, csv.Value);
        return true;
    }

    /// <summary>429 with Retry-After when the node already serves History:MaxConcurrentReads reads.</summary>
    public static ProblemHttpResult TooManyReads(HttpContext http, int limit)
    {
        http.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many history reads",
            detail: $"This node already serves {limit} history reads (History:MaxConcurrentReads). Try again in a second.");
    }
}

public static class HistoryEndpoints
{
    /// <summary>The responses every /history endpoint documents: JSON or CSV, and its problems.</summary>
    public static RouteHandlerBuilder ProducesHistory<T>(this RouteHandlerBuilder endpoint) => endpoint
        .Produces<T>(contentType: "application/json")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .Produces<string>(StatusCodes.Status200OK, "text/csv");
}
