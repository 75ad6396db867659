using Akka.Cluster.Hosting;
using Akka.Hosting;
using YouTubeAnalytics.Actors.Persistence;

namespace YouTubeAnalytics.Actors.Quota;

public static class QuotaHostingExtensions
{
    /// <summary>
    /// Runs the <see cref="QuotaActor"/> as a cluster singleton (a proxy on every node) under the persistent actors'
    /// backoff supervisor: one owner of the project's quota for the whole cluster.
    /// </summary>
    public static AkkaConfigurationBuilder WithQuota(this AkkaConfigurationBuilder builder, TimeProvider clock, string? role = null) =>
        builder.WithSingleton<QuotaActor>(
            QuotaActor.Name,
            (_, _, _) => PersistenceSupervision.Supervised(QuotaActor.PropsFor(clock), QuotaActor.Name),
            new ClusterSingletonOptions { Role = role },
            createProxyToo: true);
}
