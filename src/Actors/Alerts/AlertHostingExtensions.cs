using Akka.Cluster.Hosting;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace YouTubeAnalytics.Actors.Alerts;

public static class AlertHostingExtensions
{
    /// <summary>
    /// Runs the <see cref="NotifierActor"/> as a cluster singleton, delivering to the registered <see cref="IAlertSink"/>,
    /// wrapped by <paramref name="decorate"/> when given (e.g. publish to Kafka, then the registered sink).
    /// </summary>
    public static AkkaConfigurationBuilder WithAlertNotifier(
        this AkkaConfigurationBuilder builder, NotifierSettings settings, string? role = null,
        Func<IAlertSink, IServiceProvider, IAlertSink>? decorate = null) =>
        builder.WithSingleton<NotifierActor>(
            NotifierActor.Name,
            (_, _, resolver) =>
            {
                var sink = resolver.GetService<IAlertSink>();
                return NotifierActor.PropsFor(settings, decorate?.Invoke(sink, resolver.GetService<IServiceProvider>()) ?? sink);
            },
            new ClusterSingletonOptions { Role = role },
            createProxyToo: true);
}
