using Akka.Cluster.Hosting;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using YouTubeAnalytics.Actors.Persistence;

namespace YouTubeAnalytics.Actors.Alerts.Summary;

public static class DailySummaryHostingExtensions
{
    /// <summary>
    /// Runs the <see cref="DailySummaryActor"/> as a cluster singleton (with a proxy: the bot's /summary reaches it on any
    /// node), sending through the registered <see cref="IDailySummarySink"/> on the registered <see cref="TimeProvider"/>.
    /// Give it the notifier's role: it belongs to the alerts' side, so it runs whether or not the bot reads commands.
    /// Under the persistent actors' backoff supervisor, as the notifier: a journal outage stops it, the supervisor starts it again.
    /// </summary>
    public static AkkaConfigurationBuilder WithDailySummary(
        this AkkaConfigurationBuilder builder, DailySummarySettings settings, string? role = null) =>
        builder.WithSingleton<DailySummaryActor>(
            DailySummaryActor.Name,
            (_, _, resolver) => PersistenceSupervision.Supervised(
                DailySummaryActor.PropsFor(settings, resolver.GetService<IDailySummarySink>(), resolver.GetService<TimeProvider>()),
                "summary"),
            new ClusterSingletonOptions { Role = role },
            createProxyToo: true);
}
