using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace YouTubeAnalytics.Api;

/// <summary>Reads query values by hand so that a malformed one is a 400 naming the parameter, never a binder's 500.</summary>
public static class QueryParameters
{
    public static bool TryParseRange(
        string? raw, string name, int fallback, int min, int max, out int value, out ProblemHttpResult problem)
    {
        problem = null!;
        if (raw is null)
        {
            value = fallback;
            return true;
        }
        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
            return true;
        problem = BadRequest(name, $"must be a whole number from {min} to {max}");
        return false;
    }

    /// <summary>
    /// page and pageSize together: page may not go past the last page <paramref name="maxItems"/> items could fill,
    /// so (page - 1) × pageSize never overflows and a page far past the end is a 400, not the first page again.
    /// </summary>
    public static bool TryParsePage(
        string? rawPage, string? rawPageSize, int maxPageSize, int maxItems, out int page, out int pageSize, out ProblemHttpResult problem)
    {
        page = 0;
        if (!TryParseRange(rawPageSize, "pageSize", 50, 1, maxPageSize, out pageSize, out problem))
            return false;
        var lastPage = (maxItems - 1) / pageSize + 1;
        return TryParseRange(rawPage, "page", 1, 1, lastPage, out page, out problem);
    }

    /// <summary>How many items come before <paramref name="page"/>; computed in 64 bits, so it cannot wrap.</summary>
    public static int ItemsBefore(int page, int pageSize) =>
        (int)Math.Min(int.MaxValue, Math.Max(0L, (long)page - 1) * pageSize);

    /// <summary>An ISO 8601 date ("2026-01-31", midnight UTC) or date and time ("2026-01-31T12:00:00Z"; no offset = UTC).</summary>
    public static bool TryParseInstant(string? raw, string name, out DateTimeOffset? value, out ProblemHttpResult problem)
    {
        problem = null!;
        value = null;
        if (raw is null)
            return true;
        string[] formats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
            "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];
        if (DateTimeOffset.TryParseExact(raw, formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }
        problem = BadRequest(name, "must be an ISO 8601 date or time, e.g. 2026-01-31 or 2026-01-31T12:00:00Z");
        return false;
    }

    public static ProblemHttpResult BadRequest(string parameter, string reason) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: $"Invalid '{parameter}'",
            detail: $"'{parameter}' {reason}.");
}
