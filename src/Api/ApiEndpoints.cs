using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using YouTubeAnalytics.Actors.ReadSide;
using YouTubeAnalytics.Api.Cluster;
using YouTubeAnalytics.Api.ReadSide;
using YouTubeAnalytics.Api.Service;
using YouTubeAnalytics.Api.Videos;
using YouTubeAnalytics.Api.Watchlist;

namespace YouTubeAnalytics.Api;

public static class ApiEndpoints
{
    /// <summary>The embedded read side: one in-memory cache serving both as the actors' writer and the API's reader.</summary>
    public static IServiceCollection AddInMemoryReadSide(this IServiceCollection services)
    {
        services.AddSingleton<InMemoryLatestStatsCache>();
        services.AddSingleton<ILatestStatsWriter>(sp => sp.GetRequiredService<InMemoryLatestStatsCache>());
        services.AddSingleton<ILatestStatsReader>(sp => sp.GetRequiredService<InMemoryLatestStatsCache>());
        return services;
    }

    public static IEndpointRouteBuilder MapYouTubeAnalyticsApi(this IEndpointRouteBuilder app)
    {
        app.MapServiceApi();
        app.MapVideosApi();
        app.MapClusterApi();
        app.MapWatchlistApi();
        return app;
    }
}
