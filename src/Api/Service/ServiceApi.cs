using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace YouTubeAnalytics.Api.Service;

/// <summary>One health check's answer.</summary>
public sealed record HealthCheckDto(string Status, string? Description);

/// <summary>GET /health, /health/ready and /health/live: Healthy or Degraded with 200, Unhealthy with 503.</summary>
public sealed record HealthDto(string Status, int DurationMs, IReadOnlyDictionary<string, HealthCheckDto> Checks);

public static class ServiceApi
{
    /// <summary>The tag of checks that say the process itself works (the actor system); the rest is readiness.</summary>
    public const string LivenessTag = "liveness";

    public static IEndpointRouteBuilder MapServiceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (ServiceInfo info) => TypedResults.Ok(info))
            .WithTags("Service")
            .WithName("GetServiceInfo")
            .WithSummary("Name, version and the mode this node runs in");

        // /health is /health/ready under its older name (the CLI's `yta status` reads it).
        var health = app.MapGroup("/health").WithTags("Health");
        health.MapGet("/", (HealthCheckService checks, HttpContext http) => Check(checks, null, http))
            .WithName("GetHealth").WithSummary("Readiness under its older name: every check (journal, cluster, Redis and Kafka when used)")
            .Produces<HealthDto>().Produces<HealthDto>(StatusCodes.Status503ServiceUnavailable);
        health.MapGet("/ready", (HealthCheckService checks, HttpContext http) => Check(checks, null, http))
            .WithName("GetReadiness").WithSummary("Readiness: every check (journal, cluster, Redis and Kafka when used)")
            .Produces<HealthDto>().Produces<HealthDto>(StatusCodes.Status503ServiceUnavailable);
        health.MapGet("/live", (HealthCheckService checks, HttpContext http) =>
                Check(checks, check => check.Tags.Contains(LivenessTag), http))
            .WithName("GetLiveness").WithSummary("Liveness: only the checks that say the process itself works (the actor system)")
            .Produces<HealthDto>().Produces<HealthDto>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<JsonHttpResult<HealthDto>> Check(
        HealthCheckService checks, Func<HealthCheckRegistration, bool>? predicate, HttpContext http)
    {
        var report = await checks.CheckHealthAsync(predicate, http.RequestAborted);
        http.Response.Headers.CacheControl = "no-store, no-cache";
        var dto = new HealthDto(report.Status.ToString(), (int)report.TotalDuration.TotalMilliseconds,
            report.Entries.ToDictionary(e => e.Key, e => new HealthCheckDto(e.Value.Status.ToString(), e.Value.Description)));
        return TypedResults.Json(dto, statusCode: report.Status == HealthStatus.Unhealthy
            ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status200OK);
    }
}
