using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace YouTubeAnalytics.Api.Dashboard;

/// <summary>
/// The dashboard (/dashboard): plain HTML, CSS and JS (and uPlot, vendored from npm with its licence) embedded in this assembly, so the
/// API serves them with no build server and no CDN. They read the same REST endpoints and /events as any client.
/// </summary>
public static class DashboardApi
{
    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> Assets = LoadAssets();

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dashboard", () => Asset("index.html")).ExcludeFromDescription();
        app.MapGet("/dashboard/{file}", (string file) => Asset(file)).ExcludeFromDescription();
        return app;
    }

    private static IResult Asset(string file) =>
        Assets.TryGetValue(file, out var asset)
            ? TypedResults.Bytes(asset.Content, asset.ContentType)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The dashboard has no such file.");

    private static FrozenDictionary<string, (byte[], string)> LoadAssets()
    {
        var assembly = typeof(DashboardApi).Assembly;
        const string prefix = "wwwroot/";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(n => n[prefix.Length..], n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                return (buffer.ToArray(), ContentType(n));
            }, StringComparer.Ordinal);
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
}
