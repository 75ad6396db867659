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
