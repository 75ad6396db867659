using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace YouTubeAnalytics.Api.Tests.Reference;

/// <summary>The OpenAPI document against what the app really maps, and the /docs page that renders it.</summary>
public sealed partial class ApiReferenceSpecs : ApiSpec
{
    /// <summary>Mapped endpoints the document leaves out on purpose, each with its reason.</summary>
    private static readonly Dictionary<string, string> Exclusions = new()
    {
        ["GET /openapi/v1.json"] = "the OpenAPI document itself",
        ["GET /docs/{documentName?}"] = "Scalar's page that renders the document (HTML for people)",
        ["GET /docs/scalar.js"] = "Scalar's own script, served for its page from the package",
        ["GET /docs/scalar.aspnetcore.js"] = "Scalar's ASP.NET Core glue script, served for its page from the package",
        ["GET /docs/favicon.svg"] = "Scalar's page icon",
        ["GET /dashboard"] = "the dashboard page (HTML for people)",
        ["GET /dashboard/{file}"] = "the dashboard's embedded script, styles and vendored chart library",
    };

    [Fact]
    public async Task Should_describe_every_mapped_endpoint_except_the_listed_pages()
    {
        var (status, document, _) = await Get("/openapi/v1.json");
        Assert.Equal(200, status);
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {p.Name}"))
            .ToHashSet();

        var mapped = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => $"{m} {Normalize(e.RoutePattern.RawText ?? "")}"))
            .ToHashSet();

        Assert.NotEmpty(mapped);
        var undocumented = mapped.Except(documented).Except(Exclusions.Keys).Order().ToList();
        Assert.Empty(undocumented);
        // Nothing is documented that is not mapped (/metrics, described by hand, is the Prometheus exporter's endpoint).
        Assert.Empty(documented.Except(mapped));
        Assert.Contains("GET /metrics", mapped);
        // Each exclusion is still mapped: a stale entry would hide nothing and should go.
        Assert.All(Exclusions.Keys, key => Assert.Contains(key, mapped));
        foreach (var health in new[] { "GET /health", "GET /health/ready", "GET /health/live", "GET /alerts", "GET /pipeline/status" })
            Assert.Contains(health, documented);
    }

    [Fact]
    public async Task Should_carry_the_title_the_version_the_schemas_the_errors_and_the_admin_key_scheme()
    {
        var (_, document, _) = await Get("/openapi/v1.json");
        var info = document.GetProperty("info");
        Assert.Equal("YouTube Analytics API", info.GetProperty("title").GetString());
        var (_, service, _) = await Get("/");
        Assert.Equal(service.GetProperty("version").GetString(), info.GetProperty("version").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", info.GetProperty("version").GetString());

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("AdminKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());

        var paths = document.GetProperty("paths");
        JsonElement Op(string path, string method) => paths.GetProperty(path).GetProperty(method);

        // Every operation answers something with a schema, and every one that can fail says so in problem details.
        foreach (var path in paths.EnumerateObject())
            foreach (var op in path.Value.EnumerateObject())
            {
                var responses = op.Value.GetProperty("responses").EnumerateObject().ToList();
                Assert.True(responses.Any(r => r.Name.StartsWith('2')), $"{op.Name} {path.Name} has no success response");
                foreach (var error in responses.Where(r => r.Name[0] is '4' or '5' && path.Name.StartsWith("/health") is false))
                    Assert.True(error.Value.GetProperty("content").TryGetProperty("application/problem+json", out _),
                        $"{op.Name} {path.Name} {error.Name} is not problem details");
            }

        // The mutating endpoints need the key, the reading ones do not.
        foreach (var (path, method) in new[] { ("/watchlist", "post"), ("/watchlist/{id}", "delete"), ("/cluster/leave", "post") })
        {
            var op = Op(path, method);
            Assert.Equal("AdminKey", op.GetProperty("security")[0].EnumerateObject().Single().Name);
            Assert.True(op.GetProperty("responses").TryGetProperty("401", out _));
            Assert.True(op.GetProperty("responses").TryGetProperty("403", out _));
        }
        Assert.False(Op("/videos", "get").TryGetProperty("security", out _));

        // Request bodies and response schemas are real schemas, not bare "200".
        var watchBody = Op("/watchlist", "post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json")
            .GetProperty("schema");
        Assert.Equal("WatchRequest", SchemaName(watchBody));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("WatchRequest").GetProperty("properties").TryGetProperty("url", out _));
        Assert.Equal("AlertPage", SchemaName(Op("/alerts", "get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema")));
        Assert.Contains(Op("/alerts", "get").GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "video");
        Assert.Equal("HealthDto", SchemaName(Op("/health/ready", "get").GetProperty("responses").GetProperty("503")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema")));
        foreach (var code in new[] { "400", "404", "429", "503" })
            Assert.True(Op("/videos/{id}/history", "get").GetProperty("responses").TryGetProperty(code, out _), code);
        Assert.True(schemas.TryGetProperty("ProblemDetails", out _));
    }

    [Fact]
    public async Task Should_render_the_document_with_scalar_from_this_host_only()
    {
        using var response = await Client.GetAsync("/docs", Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("YouTube Analytics API", html);
        // Every script, stylesheet and font the page names is a path on this host.
        var references = ResourceReference().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, url => Assert.DoesNotMatch("^(https?:)?//", url));
        Assert.DoesNotContain("fonts.scalar.com", html);
        var config = ConfigBlock().Match(html);
        Assert.True(config.Success, "Scalar's configuration is in the page");
        Assert.Contains("\"withDefaultFonts\":false", config.Value.Replace(" ", ""));
        Assert.DoesNotContain("cdn.jsdelivr", html);

        foreach (var script in references.Where(r => r.EndsWith(".js", StringComparison.Ordinal)))
        {
            var url = script.StartsWith('/') ? script : "/docs/" + script;
            using var asset = await Client.GetAsync(url, Cancel);
            Assert.Equal(200, (int)asset.StatusCode);
        }
    }

    private static string Normalize(string pattern)
    {
        var path = "/" + pattern.Trim('/');
        return path.Replace("//", "/");
    }

    /// <summary>The component a schema refers to, directly or as the non-null choice of a nullable body.</summary>
    private static string SchemaName(JsonElement schema) =>
        (schema.TryGetProperty("$ref", out var reference)
            ? reference
            : schema.GetProperty("oneOf").EnumerateArray().Single(s => s.TryGetProperty("$ref", out _)).GetProperty("$ref"))
        .GetString()!.Split('/')[^1];

    [GeneratedRegex("""(?:src|href)\s*=\s*["'](?<url>[^"']+)["']""")]
    private static partial Regex ResourceReference();

    [GeneratedRegex(@"\{[^<]*withDefaultFonts[^<]*\}")]
    private static partial Regex ConfigBlock();
}
