using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using YouTubeAnalytics.Api.Security;

namespace YouTubeAnalytics.Api.Reference;

/// <summary>
/// The API reference: the OpenAPI document at /openapi/v1.json (title, the app's version, the X-Api-Key scheme on the
/// endpoints that need it, /metrics described by hand) and Scalar's page at /docs, served from this process only
/// (no fonts, scripts, telemetry or agent from another host).
/// </summary>
public static class ApiReference
{
    public const string Title = "YouTube Analytics API";
    public const string DocumentRoute = "/openapi/v1.json"; // one document; any other name is a plain 404 problem
    public const string DocsRoute = "/docs";
    public const string AdminKeyScheme = "AdminKey";

    /// <summary>The version the project builds (Directory.Build.props), without the commit suffix.</summary>
    public static string Version { get; } =
        typeof(ApiReference).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static IServiceCollection AddApiReference(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = Title,
                    Version = Version,
                    Description = "Watched YouTube videos, their figures and history, the alerts they raised, the watchlist, " +
                                  "the pipeline and the cluster. Changes need the admin key in the X-Api-Key header.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[AdminKeyScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = AdminKeyOptions.Header,
                    Description = "Api:AdminKey of the node. Without a configured key every change is refused (403).",
                };
                DescribeMetrics(document);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RequiresAdminKey>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(AdminKeyScheme, context.Document)] = [],
                    });
                }
                return Task.CompletedTask;
            });
        });

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentRoute);
        app.MapScalarApiReference(DocsRoute, options => options
            .WithTitle(Title)
            .WithOpenApiRoutePattern(DocumentRoute)
            .DisableDefaultFonts()   // Inter and JetBrains Mono come from Scalar's CDN otherwise
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .AddPreferredSecuritySchemes(AdminKeyScheme)
            .AddApiKeyAuthentication(AdminKeyScheme, _ => { }));
        return app;
    }

    /// <summary>/metrics is the Prometheus exporter's endpoint (the host maps it): no handler method the API explorer reads.</summary>
    private static void DescribeMetrics(OpenApiDocument document)
    {
        document.Paths ??= new OpenApiPaths();
        document.Paths["/metrics"] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = "ScrapeMetrics",
                    Summary = "Prometheus text exposition of the node's counters and gauges (the yta_* metrics)",
                    Tags = new HashSet<OpenApiTagReference> { new("Service", document) },
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse
                        {
                            Description = "Prometheus text format 0.0.4",
                            Content = new Dictionary<string, OpenApiMediaType>
                            {
                                ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                            },
                        },
                    },
                },
            },
        };
    }
}

/// <summary>Marks an endpoint that needs the admin key (the OpenAPI document puts the X-Api-Key scheme on it).</summary>
public sealed class RequiresAdminKey;
