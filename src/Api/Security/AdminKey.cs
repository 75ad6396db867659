using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace YouTubeAnalytics.Api.Security;

/// <summary>Api:AdminKey: the key mutating endpoints require in the X-Api-Key header. Empty: they refuse.</summary>
public sealed class AdminKeyOptions
{
    public const string Header = "X-Api-Key";
    public string? AdminKey { get; set; }
}

public static class AdminKey
{
    /// <summary>
    /// Lets the request through only with the right X-Api-Key (compared in constant time). Without a configured
    /// key the endpoint refuses everyone: 403 naming the setting. A missing or wrong key is 401. The key itself is
    /// never echoed.
    /// </summary>
    public static TBuilder RequireAdminKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Reference.RequiresAdminKey())
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .AddEndpointFilter(async (context, next) =>
        {
            var configured = context.HttpContext.RequestServices.GetRequiredService<IOptions<AdminKeyOptions>>().Value.AdminKey;
            if (string.IsNullOrEmpty(configured))
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Changes are disabled",
                    detail: "Api:AdminKey is not set on this node, so it refuses every change.");
            var given = context.HttpContext.Request.Headers[AdminKeyOptions.Header].ToString();
            // Hashed first, so that neither the content nor the length of the key leaks through timing.
            if (!CryptographicOperations.FixedTimeEquals(
                    SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(configured))))
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Admin key required",
                    detail: $"Send the admin key in the {AdminKeyOptions.Header} header.");
            return await next(context);
        });
}
