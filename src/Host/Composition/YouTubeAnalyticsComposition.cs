using System.Reflection;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection.Extensions;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Serialization;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Actors.Watchlist;
using YouTubeAnalytics.Api;
using YouTubeAnalytics.Api.Pipeline;
using YouTubeAnalytics.Api.ReadSide;
using YouTubeAnalytics.Api.Service;
using YouTubeAnalytics.Api.Videos;
using YouTubeAnalytics.Api.Watchlist;
using YouTubeAnalytics.Host.Configuration;
using YouTubeAnalytics.Host.Logging;
using YouTubeAnalytics.Host.Metrics;
using YouTubeAnalytics.Host.Persistence;
using YouTubeAnalytics.Host.Pipeline;
using YouTubeAnalytics.Host.Telegram;
using YouTubeAnalytics.Host.YouTube;
using YouTubeAnalytics.Streams.Demo;
using YouTubeAnalytics.Streams.Ingest;
using YouTubeAnalytics.Streams.Kafka;

namespace YouTubeAnalytics.Host.Composition;

/// <summary>Composes the features into one node: options, seams (source, sink, read side) and the actor system.</summary>
public static class YouTubeAnalyticsComposition
{
    public const string ActorSystemName = "youtube-analytics";

    public static WebApplicationBuilder AddYouTubeAnalytics(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddSeedEnvironmentVariables();
        builder.AddReadableLogging();
        if (builder.Configuration["urls"] is null)
            builder.WebHost.UseUrls(builder.Configuration[$"{ApiOptions.Section}:Urls"] ?? new ApiOptions().Urls);

        var services = builder.Services;
        services.AddAppOptions();
        services.AddProblemDetails();
        services.AddHealthChecks();
        services.TryAddSingleton(TimeProvider.System);
        var redis = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        if (redis.IsEnabled && RedisOptions.IsReadable(redis.Configuration))
            services.AddRedisReadSide(redis.Configuration!, redis.KeyPrefix);
        else
            services.AddInMemoryReadSide(); // an unreadable Redis:Configuration stops the process at validation
        services.AddTelegram();
        services.AddYouTubePolling(builder.Configuration.GetSection(YouTubeOptions.Section).Get<YouTubeOptions>() ?? new YouTubeOptions());
        services.TryAddSingleton<IVideoStatsSource>(sp =>
        {
            var demo = sp.Get<DemoOptions>();
            return new DemoSource(new DemoCatalog(demo.VideoCount), demo.SampleInterval, sp.GetRequiredService<TimeProvider>());
        });
        // Built on first use, which only Kafka mode makes; disposed (after the actor system stopped) by the container.
        services.TryAddSingleton<IProducer<byte[]?, byte[]?>>(sp =>
            new ProducerBuilder<byte[]?, byte[]?>(sp.Get<KafkaOptions>().ToSettings().ProducerConfig()).Build());
        services.AddSingleton(sp => new ServiceInfo(
            "YouTube Analytics",
            typeof(YouTubeAnalyticsComposition).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
                ?.InformationalVersion.Split('+')[0] ?? "0.0.0",
            Mode: sp.Get<KafkaOptions>().IsEnabled ? "kafka" : "embedded",
            Source: sp.GetRequiredService<IVideoStatsSource>().Name,
            AlertSink: (sp.Get<KafkaOptions>().IsEnabled ? "kafka+" : "") + sp.GetRequiredService<IAlertSink>().Name,
            Persistence: sp.Get<PersistenceOptions>().Provider,
            ReadSide: sp.GetRequiredService<ILatestStatsReader>().Name));
        services.AddHostedService<StartupReport>();
        StatusLine.Interval(builder.Configuration); // a bad Logging:StatusInterval stops the start
        services.AddHostedService<StatusLine>();

        var connectionString = JournalSetup.ConnectionString(builder.Configuration);
        services.AddAkka(ActorSystemName, (akka, sp) => akka.AddYouTubeAnalyticsActors(sp, connectionString));
        // After AddAkka: the API's alert feed starts once the actor system runs.
        services.AddYouTubeAnalyticsApi();
        services.AddSingleton<IPipelineStatusProbe, PipelineStatusProbe>();
        services.AddPipelineMetrics();
        if (builder.Configuration.GetSection(KafkaOptions.Section).Get<KafkaOptions>()?.IsEnabled == true)
        {
            services.AddHealthChecks().AddCheck<KafkaHealthCheck>("kafka", timeout: TimeSpan.FromSeconds(5));
            services.AddSingleton(sp => new KafkaConsumerLag(sp.Get<KafkaOptions>()));
        }
        return builder;
    }

    private static void AddYouTubeAnalyticsActors(this AkkaConfigurationBuilder akka, IServiceProvider sp, string connectionString)
    {
        var cluster = sp.Get<ClusterNodeOptions>();
        var alerts = sp.Get<AlertOptions>();
        var videos = sp.Get<VideoActorOptions>();
        var kafka = sp.Get<KafkaOptions>();
        AlertOptions.TryParseMilestones(alerts.Milestones, out var milestones);
        var videoSettings = new VideoActorSettings(
            new AlertSettings(alerts.ChangeThresholdPercent, [.. milestones], alerts.MinimumChange), videos.SnapshotEvery,
            Retention: sp.Get<HistoryOptions>().Retention);

        akka.AddHoconFile(Path.Combine(AppContext.BaseDirectory, "akka.hocon"), HoconAddMode.Prepend)
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.LogLevel = ReadableLogging.AkkaLevel(sp.GetRequiredService<IConfiguration>());
                loggers.AddLoggerFactory();
            })
            .WithProtocolSerializer()
            .WithRemoting(hostname: cluster.Hostname, port: cluster.Port)
            .WithClustering(new ClusterOptions
            {
                Roles = kafka.IsEnabled ? cluster.EffectiveRoles : cluster.Roles,
                SeedNodes = cluster.SeedNodes.Length > 0 ? cluster.SeedNodes : null,
                SplitBrainResolver = new KeepMajorityOption(),
            })
            .AddHocon(SplitBrainResolverHocon(cluster.DownUnreachableAfter), HoconAddMode.Prepend)
            .WithActorSystemLivenessCheck()
            .WithAkkaClusterReadinessCheck()
            .WithJournal(sp.Get<PersistenceOptions>(), connectionString, cluster)
            .WithWatchlist(sp.Get<WatchOptions>().Targets(out _), sp.GetRequiredService<TimeProvider>())
            .WithTelegramBotWhenConfigured(sp);

        // With roles (Kafka mode) videos live on "process" nodes only; an ingest-only node reaches them by proxy.
        if (!kafka.IsEnabled)
            akka.WithVideoActors(videoSettings, videos.PassivateAfter);
        else if (cluster.EffectiveRoles.Contains(KafkaOptions.ProcessRole))
            akka.WithVideoActors(videoSettings, videos.PassivateAfter, KafkaOptions.ProcessRole);
        else
            akka.WithVideoActorsProxy(KafkaOptions.ProcessRole);

        if (kafka.IsEnabled)
            akka.WithKafkaTransport(kafka.ToSettings(), cluster.EffectiveRoles);
        else
            akka.WithAlertNotifier(NotifierSettings.Default).WithIngestPipeline(IngestSettings.Default);

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

    /// <summary>
    /// Keep-majority downs a member unreachable for <paramref name="stableAfter"/>; the minority downs itself in the
    /// same time and its actor system terminates, which stops the host (restart policy brings it back to rejoin).
    /// down-removal-margin = stable-after: singletons and shards move off a downed member only after that margin,
    /// so a singleton never runs on both sides for longer than stable-after + down-removal-margin.
    /// </summary>
    public static string SplitBrainResolverHocon(TimeSpan stableAfter)
    {
        var milliseconds = (long)stableAfter.TotalMilliseconds;
        return $"""
            akka.cluster.split-brain-resolver.stable-after = {milliseconds}ms
            akka.cluster.down-removal-margin = {milliseconds}ms
            akka.cluster.run-coordinated-shutdown-when-down = on
            """;
    }

    /// <summary>
    /// Kafka mode: the poller (singleton on "ingest" nodes) produces to the raw topic, every "process" node consumes
    /// it into the shards, and the notifier publishes alerts to the processed topic before its own sink.
    /// </summary>
    private static AkkaConfigurationBuilder WithKafkaTransport(this AkkaConfigurationBuilder akka, KafkaSettings kafka, string[] roles)
    {
        var ingest = IngestSettings.Default;
        akka.WithAlertNotifier(NotifierSettings.Default, decorate: (sink, sp) =>
                new KafkaAlertSink(sp.GetRequiredService<IProducer<byte[]?, byte[]?>>(), kafka.ProcessedTopic, sink))
            .WithIngestPipeline(ingest, KafkaOptions.IngestRole, sp => KafkaIngestFlows.PublishSamples(
                sp.GetRequiredService<IProducer<byte[]?, byte[]?>>(), kafka.RawTopic, ingest.Parallelism));
        if (roles.Contains(KafkaOptions.ProcessRole))
            akka.WithKafkaIngest(kafka, ingest with { Parallelism = kafka.Parallelism });
        return akka;
    }
}
