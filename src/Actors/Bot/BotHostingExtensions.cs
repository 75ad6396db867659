using Akka.Cluster.Hosting;
using Akka.Hosting;
using YouTubeAnalytics.Actors.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace YouTubeAnalytics.Actors.Bot;

public static class BotHostingExtensions
{
    /// <summary>
    /// Runs the <see cref="TelegramBotActor"/> as a cluster singleton under the persistent actors' backoff supervisor (a journal outage
    /// stops a persistent actor; the supervisor starts it again). Give it the notifier's role: both singletons then
    /// live on the same node, where the sink reads (as <see cref="Alerts.IAlertPreferences"/>) the in-process <see cref="ChatPreferencesRegistry"/> the bot publishes to.
    /// </summary>
    public static AkkaConfigurationBuilder WithTelegramBot(
        this AkkaConfigurationBuilder builder, TelegramBotSettings settings, string? role = null) =>
        builder.WithSingleton<TelegramBotActor>(
            TelegramBotActor.Name,
            (_, _, resolver) => PersistenceSupervision.Supervised(
                TelegramBotActor.PropsFor(
                    settings,
                    resolver.GetService<IBotChannel>(),
                    resolver.GetService<IBotCommandHandler>(),
                    resolver.GetService<IChatPreferencesPublisher>(),
                    resolver.GetService<TimeProvider>()),
                "bot"),
            new ClusterSingletonOptions { Role = role },
            createProxyToo: false);
}
