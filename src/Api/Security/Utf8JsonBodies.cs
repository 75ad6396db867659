using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace YouTubeAnalytics.Api.Security;

public static class Utf8JsonBodies
{
    /// <summary>
    /// JSON is UTF-8 (RFC 8259): a request body declared in another charset ("application/json; charset=utf-7") is
    /// refused with 415 before any endpoint reads it. Without this the JSON reader throws on an encoding it does not
    /// know, and the client gets a 500 for its own mistake.
    /// </summary>
    public static IApplicationBuilder UseUtf8JsonBodies(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
                && type.Charset.HasValue
                && !string.Equals(type.Charset.Value.Trim('"'), "utf-8", StringComparison.OrdinalIgnoreCase))
            {
                await Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported charset",
                    detail: "Send the body as UTF-8 (charset=utf-8 or no charset).").ExecuteAsync(context);
                return;
            }
            await next(context);
        });
}
