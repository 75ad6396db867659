using Akka.Cluster.Hosting;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace YouTubeAnalytics.Actors.Alerts;

public static class AlertHostingExtensions
{
    /// <summary>Runs the <see cref="NotifierActor"/> as a cluster singleton, delivering to the registered <see cref="IAlertSink"/>.</summary>
    public static AkkaConfigurationBuilder WithAlertNotifier(
        this AkkaConfigurationBuilder builder, NotifierSettings settings, string? role = null) =>
        builder.WithSingleton<NotifierActor>(
            NotifierActor.Name,
            (_, _, resolver) => NotifierActor.PropsFor(settings, resolver.GetService<IAlertSink>()),
            new ClusterSingletonOptions { Role = role },
            createProxyToo: true);
}
