using System.Reflection;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Telegram.Bot;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Serialization;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Api;
using YouTubeAnalytics.Api.Service;
using YouTubeAnalytics.Host.Configuration;
using YouTubeAnalytics.Host.Persistence;
using YouTubeAnalytics.Streams.Alerts;
using YouTubeAnalytics.Streams.Demo;
using YouTubeAnalytics.Streams.Ingest;
using YouTubeAnalytics.Streams.Telegram;

namespace YouTubeAnalytics.Host.Composition;

/// <summary>Composes the features into one node: options, seams (source, sink, read side) and the actor system.</summary>
public static class YouTubeAnalyticsComposition
{
    public const string ActorSystemName = "youtube-analytics";

    public static WebApplicationBuilder AddYouTubeAnalytics(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddSeedEnvironmentVariables();
        if (builder.Configuration["urls"] is null)
            builder.WebHost.UseUrls(builder.Configuration[$"{ApiOptions.Section}:Urls"] ?? new ApiOptions().Urls);

        var services = builder.Services;
        services.AddAppOptions();
        services.AddProblemDetails();
        services.AddHealthChecks();
        services.TryAddSingleton(TimeProvider.System);
        services.AddInMemoryReadSide();
        services.TryAddSingleton(CreateAlertSink);
        services.TryAddSingleton<IVideoStatsSource>(sp =>
        {
            var demo = sp.Get<DemoOptions>();
            return new DemoSource(new DemoCatalog(demo.VideoCount), demo.SampleInterval, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(sp => new ServiceInfo(
            "YouTube Analytics",
            typeof(YouTubeAnalyticsComposition).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
                ?.InformationalVersion.Split('+')[0] ?? "0.0.0",
            Mode: "embedded",
            Source: sp.GetRequiredService<IVideoStatsSource>().Name,
            AlertSink: sp.GetRequiredService<IAlertSink>().Name,
            Persistence: sp.Get<PersistenceOptions>().Provider,
            ReadSide: "in-memory"));
        services.AddHostedService<StartupReport>();

        var connectionString = JournalSetup.ConnectionString(builder.Configuration);
        services.AddAkka(ActorSystemName, (akka, sp) => akka.AddYouTubeAnalyticsActors(sp, connectionString));
        return builder;
    }

    /// <summary>Telegram when a bot token is set, the log otherwise.</summary>
    private static IAlertSink CreateAlertSink(IServiceProvider sp)
    {
        var telegram = sp.Get<TelegramOptions>();
        if (!telegram.HasBotToken)
            return ActivatorUtilities.CreateInstance<LogAlertSink>(sp);
        TelegramOptions.TryParseChatIds(telegram.ChatId, out var chatIds);
        var time = sp.GetRequiredService<TimeProvider>();
        // RetryThreshold 0: the client never waits out a 429 itself, so the throttle sees every one and owns the pause.
        var options = new TelegramBotClientOptions(telegram.BotToken!, telegram.ApiBaseUrl) { RetryCount = 1, RetryThreshold = 0 };
        var bot = new TelegramBotClient(options, new HttpClient { Timeout = TimeSpan.FromSeconds(20) });
        return new TelegramAlertSink(
            bot, TelegramDeliverySettings.For(chatIds), new TelegramThrottle(TelegramLimits.Default, time),
            sp.GetRequiredService<ILogger<TelegramAlertSink>>(), time);
    }

    private static void AddYouTubeAnalyticsActors(this AkkaConfigurationBuilder akka, IServiceProvider sp, string connectionString)
    {
        var cluster = sp.Get<ClusterNodeOptions>();
        var alerts = sp.Get<AlertOptions>();
        var videos = sp.Get<VideoActorOptions>();
        AlertOptions.TryParseMilestones(alerts.Milestones, out var milestones);
        var videoSettings = new VideoActorSettings(
            new AlertSettings(alerts.ChangeThresholdPercent, [.. milestones], alerts.MinimumChange), videos.SnapshotEvery);

        akka.AddHoconFile(Path.Combine(AppContext.BaseDirectory, "akka.hocon"), HoconAddMode.Prepend)
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            })
            .WithProtocolSerializer()
            .WithRemoting(hostname: cluster.Hostname, port: cluster.Port)
            .WithClustering(new ClusterOptions
            {
                Roles = cluster.Roles,
                SeedNodes = cluster.SeedNodes.Length > 0 ? cluster.SeedNodes : null,
            })
            .WithActorSystemLivenessCheck()
            .WithAkkaClusterReadinessCheck()
            .WithJournal(sp.Get<PersistenceOptions>(), connectionString)
            .WithVideoActors(videoSettings, videos.PassivateAfter)
            .WithAlertNotifier(NotifierSettings.Default)
            .WithIngestPipeline(IngestSettings.Default);

        if (cluster.SeedNodes.Length == 0)
        {
            // A single node is its own seed: it joins itself once its (possibly random) port is bound.
            akka.AddStartup((system, _) =>
            {
                var self = Cluster.Get(system);
                self.Join(self.SelfAddress);
            });
        }
    }
}
