using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using YouTubeAnalytics.Actors.ReadSide;
using YouTubeAnalytics.Api.Alerts;
using YouTubeAnalytics.Api.Cluster;
using YouTubeAnalytics.Api.Dashboard;
using YouTubeAnalytics.Api.Live;
using YouTubeAnalytics.Api.Pipeline;
using YouTubeAnalytics.Api.ReadSide;
using YouTubeAnalytics.Api.Reference;
using YouTubeAnalytics.Api.Service;
using YouTubeAnalytics.Api.Summary;
using YouTubeAnalytics.Api.Videos;
using YouTubeAnalytics.Api.Watchlist;

namespace YouTubeAnalytics.Api;

public static class ApiEndpoints
{
    /// <summary>The API's own services: OpenAPI, the alert feed (call after AddAkka: it starts once the actor system runs).</summary>
    public static IServiceCollection AddYouTubeAnalyticsApi(this IServiceCollection services)
    {
        services.AddApiReference();
        // A body or parameter the framework cannot read is the client's mistake: 400 with the reason, never a 500
        // (in Development the framework throws it; UseExceptionHandler() reads these options).
        services.Configure<ExceptionHandlerOptions>(o =>
            o.StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            if (context.Exception is BadHttpRequestException bad)
            {
                context.ProblemDetails.Title = "Unreadable request";
                context.ProblemDetails.Detail = bad.Message;
            }
        });
        services.AddSingleton(sp => new HistoryReadGate(sp.GetRequiredService<IOptions<HistoryOptions>>().Value.MaxConcurrentReads));
        services.AddSingleton(sp => new Live.EventStreamGate(sp.GetRequiredService<IOptions<Live.EventStreamOptions>>().Value.MaxEventStreams));
        services.AddSingleton(sp => new AlertFeed(sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<HistoryOptions>>().Value.Retention));
        services.AddHostedService<AlertFeedService>();
        services.AddSingleton<DowningLog>();
        services.AddHostedService<DowningWatch>();
        return services;
    }

    /// <summary>The embedded read side: one in-memory cache serving as the actors' writer, the API's reader and the update feed.</summary>
    public static IServiceCollection AddInMemoryReadSide(this IServiceCollection services)
    {
        services.AddSingleton<InMemoryLatestStatsCache>();
        services.AddSingleton<ILatestStatsWriter>(sp => sp.GetRequiredService<InMemoryLatestStatsCache>());
        services.AddSingleton<ILatestStatsReader>(sp => sp.GetRequiredService<InMemoryLatestStatsCache>());
        services.AddSingleton<IVideoUpdateFeed>(sp => sp.GetRequiredService<InMemoryLatestStatsCache>());
        services.AddSingleton<IVideoLeaderboard>(sp => sp.GetRequiredService<InMemoryLatestStatsCache>());
        return services;
    }

    /// <summary>
    /// The cluster's read side on Redis (a StackExchange.Redis configuration string). The process starts while Redis
    /// is down (the client reconnects by itself); /health/ready says "redis" is unhealthy meanwhile.
    /// </summary>
    public static IServiceCollection AddRedisReadSide(this IServiceCollection services, string configuration, string keyPrefix = "yta:")
    {
        services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = ConfigurationOptions.Parse(configuration);
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });
        services.AddSingleton(sp => new RedisLatestStatsCache(
            sp.GetRequiredService<IConnectionMultiplexer>(),
            sp.GetRequiredService<IOptions<HistoryOptions>>().Value.Retention,
            sp.GetRequiredService<ILogger<RedisLatestStatsCache>>(),
            keyPrefix));
        services.AddSingleton<ILatestStatsWriter>(sp => sp.GetRequiredService<RedisLatestStatsCache>());
        services.AddSingleton<ILatestStatsReader>(sp => sp.GetRequiredService<RedisLatestStatsCache>());
        services.AddSingleton<IVideoUpdateFeed>(sp => sp.GetRequiredService<RedisLatestStatsCache>());
        services.AddSingleton<IVideoLeaderboard>(sp => sp.GetRequiredService<RedisLatestStatsCache>());
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    private sealed class RedisHealthCheck(RedisLatestStatsCache cache) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            cache.CheckAsync(cancellationToken);
    }

    public static IEndpointRouteBuilder MapYouTubeAnalyticsApi(this IEndpointRouteBuilder app)
    {
        app.MapApiReference();
        app.MapServiceApi();
        app.MapVideosApi();
        app.MapAlertsApi();
        app.MapPipelineApi();
        app.MapSummaryApi();
        app.MapClusterApi();
        app.MapWatchlistApi();
        app.MapEventsApi();
        app.MapDashboard();
        return app;
    }
}
