using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace YouTubeAnalytics.Api.Service;

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
        var ready = new HealthCheckOptions { ResponseWriter = WriteHealth };
        app.MapHealthChecks("/health", ready);
        app.MapHealthChecks("/health/ready", ready);
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            ResponseWriter = WriteHealth,
            Predicate = check => check.Tags.Contains(LivenessTag),
        });
        return app;
    }

    private static Task WriteHealth(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            durationMs = (int)report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
}
