using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Pattern;
using Microsoft.Extensions.DependencyInjection;

namespace YouTubeAnalytics.Actors.Bot;

public static class BotHostingExtensions
{
    /// <summary>
    /// Runs the <see cref="TelegramBotActor"/> as a cluster singleton under a backoff supervisor (a journal outage
    /// stops a persistent actor; the supervisor starts it again). Give it the notifier's role: both singletons then
    /// live on the same node, where the sink reads the <see cref="ChatPreferencesRegistry"/> the bot fills.
    /// </summary>
    public static AkkaConfigurationBuilder WithTelegramBot(
        this AkkaConfigurationBuilder builder, TelegramBotSettings settings, string? role = null) =>
        builder.WithSingleton<TelegramBotActor>(
            TelegramBotActor.Name,
            (_, _, resolver) => BackoffSupervisor.Props(Backoff.OnStop(
                TelegramBotActor.PropsFor(
                    settings,
                    resolver.GetService<IBotChannel>(),
                    resolver.GetService<IBotCommandHandler>(),
                    resolver.GetService<ChatPreferencesRegistry>()),
                childName: "bot",
                minBackoff: TimeSpan.FromSeconds(1),
                maxBackoff: TimeSpan.FromSeconds(30),
                randomFactor: 0.2,
                maxNrOfRetries: -1)),
            new ClusterSingletonOptions { Role = role },
            createProxyToo: false);
}
