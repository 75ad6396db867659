using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace YouTubeAnalytics.Host.Pipeline;

/// <summary>Kafka mode (registered only then): asks the brokers for metadata through the node's producer (healthy without Kafka: not used).</summary>
public sealed class KafkaHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var producer = services.GetRequiredService<IProducer<byte[]?, byte[]?>>();
        try
        {
            var brokers = await Task.Run(() =>
            {
                using var admin = new DependentAdminClientBuilder(producer.Handle).Build();
                return admin.GetMetadata(TimeSpan.FromSeconds(3)).Brokers.Count;
            }, cancellationToken);
            return HealthCheckResult.Healthy($"{brokers} broker(s) answer");
        }
        catch (KafkaException ex)
        {
            return HealthCheckResult.Unhealthy($"Kafka does not answer: {ex.Error.Code}");
        }
    }
}
