using Akka.Cluster.Hosting;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using YouTubeAnalytics.Actors.Persistence;

namespace YouTubeAnalytics.Actors.Alerts;

public static class AlertHostingExtensions
{
    /// <summary>
    /// Runs the <see cref="NotifierActor"/> as a cluster singleton, delivering to the registered <see cref="IAlertSink"/>,
    /// wrapped by <paramref name="decorate"/> when given (e.g. publish to Kafka, then the registered sink).
    /// It sits under the persistent actors' backoff supervisor (<see cref="PersistenceSupervision"/>): a persistent actor stops when its journal fails (an outage), and a stopped
    /// singleton would stay stopped; the supervisor starts it again, recovering from the journal, once it is back.
    /// </summary>
    public static AkkaConfigurationBuilder WithAlertNotifier(
        this AkkaConfigurationBuilder builder, NotifierSettings settings, string? role = null,
        Func<IAlertSink, IServiceProvider, IAlertSink>? decorate = null) =>
        builder.WithSingleton<NotifierActor>(
            NotifierActor.Name,
            (_, _, resolver) =>
            {
                var sink = resolver.GetService<IAlertSink>();
                var delivered = decorate?.Invoke(sink, resolver.GetService<IServiceProvider>()) ?? sink;
                return PersistenceSupervision.Supervised(NotifierActor.PropsFor(settings, delivered, resolver.GetService<TimeProvider>()), "delivery");
            },
            new ClusterSingletonOptions { Role = role },
            createProxyToo: true);
}
