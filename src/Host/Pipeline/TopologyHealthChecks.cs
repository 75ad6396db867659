using Microsoft.Extensions.Diagnostics.HealthChecks;
using YouTubeAnalytics.Host.Composition;
using YouTubeAnalytics.Host.YouTube;

namespace YouTubeAnalytics.Host.Pipeline;

/// <summary>The readiness checks of what runs on this node, as <see cref="NodeTopology"/> says.</summary>
public static class TopologyHealthChecks
{
    public static IServiceCollection AddTopologyHealthChecks(this IServiceCollection services)
    {
        services.AddOptions<HealthCheckServiceOptions>().Configure<NodeTopology>((health, topology) =>
        {
            if (topology.Source == SampleSourceKind.YouTube)
                health.Registrations.Add(Check<YouTubeQuotaHealthCheck>("youtube", timeout: null));
            if (topology.Mode == PipelineMode.Kafka)
                health.Registrations.Add(Check<KafkaHealthCheck>("kafka", TimeSpan.FromSeconds(5)));
        });
        return services;
    }

    private static HealthCheckRegistration Check<T>(string name, TimeSpan? timeout) where T : class, IHealthCheck =>
        new(name, sp => ActivatorUtilities.GetServiceOrCreateInstance<T>(sp), failureStatus: null, tags: null, timeout);
}
