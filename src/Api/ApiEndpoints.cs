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
using YouTubeAnalytics.Api.Channels;
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

/// <summary>Where the Redis read side connects (a StackExchange.Redis configuration string) and its key prefix.</summary>
public sealed record RedisReadSideSettings(string Configuration, string KeyPrefix);

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

    /// <summary>
    /// The read side, chosen when the container is built from <paramref name="redis"/> (the validated options):
    /// the cluster's on Redis when it gives settings, else the embedded in-memory cache. Either one serves as the
    /// actors' writer, the API's reader, the update feed and the leaderboard. Redis: the process starts while Redis is
    /// down (the client reconnects by itself); /health/ready says "redis" is unhealthy meanwhile (no such check in memory).
    /// </summary>
    public static IServiceCollection AddLatestStatsReadSide(this IServiceCollection services, Func<IServiceProvider, RedisReadSideSettings?> redis)
    {
        services.AddSingleton<InMemoryLatestStatsCache>();
        services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = ConfigurationOptions.Parse(redis(sp)!.Configuration);
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });
        services.AddSingleton(sp => new RedisLatestStatsCache(
            sp.GetRequiredService<IConnectionMultiplexer>(),
            sp.GetRequiredService<IOptions<HistoryOptions>>().Value.Retention,
            sp.GetRequiredService<ILogger<RedisLatestStatsCache>>(),
            redis(sp)!.KeyPrefix));
        object Chosen(IServiceProvider sp) => redis(sp) is null
            ? sp.GetRequiredService<InMemoryLatestStatsCache>()
            : sp.GetRequiredService<RedisLatestStatsCache>();
        services.AddSingleton(sp => (ILatestStatsWriter)Chosen(sp));
        services.AddSingleton(sp => (ILatestStatsReader)Chosen(sp));
        services.AddSingleton(sp => (IVideoUpdateFeed)Chosen(sp));
        services.AddSingleton(sp => (IVideoLeaderboard)Chosen(sp));
        services.AddSingleton(sp => (IReadSideRetention)Chosen(sp));
        services.AddHealthChecks();
        services.AddOptions<HealthCheckServiceOptions>().Configure<IServiceProvider>((health, sp) =>
        {
            if (redis(sp) is not null)
                health.Registrations.Add(new HealthCheckRegistration("redis",
                    s => new RedisHealthCheck(s.GetRequiredService<RedisLatestStatsCache>()), null, null, TimeSpan.FromSeconds(5)));
        });
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
        app.MapChannelsApi();
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
