using Microsoft.Extensions.Diagnostics.HealthChecks;
using YouTubeAnalytics.Actors.Quota;
using YouTubeAnalytics.Actors.Watchlist;
using YouTubeAnalytics.Host.Configuration;
using YouTubeAnalytics.Streams.Ingest;
using YouTubeAnalytics.Streams.YouTube;

namespace YouTubeAnalytics.Host.YouTube;

/// <summary>
/// The poller's services. They are built on first use, which only a node whose <c>NodeTopology</c> names YouTube as
/// the source makes (YouTube:ApiKey set); that node's /health then reports the quota and the key.
/// </summary>
public static class YouTubeRegistration
{
    public const string HttpClientName = "youtube";

    public static IServiceCollection AddYouTubePolling(this IServiceCollection services)
    {
        services.AddHttpClient(HttpClientName, (sp, http) =>
        {
            var o = sp.Get<YouTubeOptions>();
            http.BaseAddress = new Uri(o.BaseUrl.EndsWith('/') ? o.BaseUrl : o.BaseUrl + "/");
            http.Timeout = o.RequestTimeout;
        });
        services.AddSingleton<YouTubeStatus>();
        services.AddSingleton<IWatchlist>(sp => new ActorWatchlist(
            sp.GetRequiredService<Akka.Hosting.IRequiredActor<YouTubeAnalytics.Actors.Watchlist.WatchlistActor>>(), TimeSpan.FromSeconds(10)));
        // One owner of the project's quota for the cluster (the QuotaActor singleton, journaled): every node reserves there.
        services.AddSingleton<IQuotaKeeper>(sp => new ActorQuotaKeeper(
            sp.GetRequiredService<Akka.Hosting.IRequiredActor<QuotaActor>>(), TimeSpan.FromSeconds(10)));
        services.AddSingleton(sp =>
        {
            var o = sp.Get<YouTubeOptions>();
            return new QuotaBudget(sp.GetRequiredService<IQuotaKeeper>(), new QuotaLimits(o.DailyQuota, o.BatchGetStatsQuota),
                sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(sp => new YouTubeClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.Get<YouTubeOptions>().ApiKey!,
            sp.GetRequiredService<QuotaBudget>(),
            YouTubeRetry.Default,
            sp.GetRequiredService<ILogger<YouTubeClient>>()));
        // With a key, a playlist or channel asked for is checked with one call; without one (the demo) it is taken as it is.
        services.AddSingleton<IWatchTargetCheck>(sp => sp.Get<YouTubeOptions>().HasApiKey
            ? new YouTubeTargetCheck(sp.GetRequiredService<YouTubeClient>())
            : UncheckedWatchTargets.Instance);
        services.AddSingleton(sp =>
        {
            var o = sp.Get<YouTubeOptions>();
            return new YouTubePoller(
                sp.GetRequiredService<YouTubeClient>(),
                sp.GetRequiredService<QuotaBudget>(),
                sp.GetRequiredService<YouTubeStatus>(),
                sp.GetRequiredService<IWatchlist>(),
                YouTubePollerSettings.For(o.PollInterval, o.LiveInterval) with { ExpandInterval = o.ExpandInterval, StatsEndpoint = o.Stats },
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<YouTubePoller>>());
        });
        services.AddSingleton(sp => new ChannelSampler(
            sp.GetRequiredService<YouTubeClient>(),
            sp.GetRequiredService<QuotaBudget>(),
            sp.GetRequiredService<YouTubeStatus>(),
            sp.GetRequiredService<IWatchlist>(),
            sp.GetRequiredService<YouTubeAnalytics.Actors.Channels.ChannelDirectory>(),
            sp.Get<YouTubeOptions>().ChannelInterval,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ChannelSampler>>()));
        return services;
    }
}

/// <summary>
/// Degraded while the Data API bucket is gone (saying until when), unhealthy once the key was refused. The figures are
/// the project's (asked of the quota's owner), or the last seen when it does not answer in time.
/// </summary>
public sealed class YouTubeQuotaHealthCheck(QuotaBudget budget, YouTubeStatus status) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (status.Halted is { } halted)
            return HealthCheckResult.Unhealthy(halted);
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(TimeSpan.FromSeconds(2));
            await budget.ReadAsync(bounded.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The owner is moving (a singleton handover): the last figures seen say enough for health.
        }
        return budget.BlockedUntil is { } until
            ? HealthCheckResult.Degraded($"YouTube quota exhausted: no calls until {until:yyyy-MM-dd HH:mm}Z (midnight Pacific); {budget.Spent} of {budget.Limit} units spent")
            : HealthCheckResult.Healthy($"{budget.Spent} of {budget.Limit} units spent today (Pacific)");
    }
}
