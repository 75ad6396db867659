using System.Reflection;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection.Extensions;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Alerts.Summary;
using YouTubeAnalytics.Actors.Bot;
using YouTubeAnalytics.Actors.Channels;
using YouTubeAnalytics.Actors.Quota;
using YouTubeAnalytics.Actors.Retention;
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
using YouTubeAnalytics.Streams.YouTube;

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
        services.AddSingleton(sp => NodeTopology.From(
            sp.Get<KafkaOptions>(), sp.Get<ClusterNodeOptions>(), sp.Get<YouTubeOptions>(), sp.Get<TelegramOptions>()));
        services.AddLatestStatsReadSide(sp => sp.Get<RedisOptions>().ReadSide);
        services.AddTelegram();
        services.AddDailySummary();
        services.AddYouTubePolling();
        services.TryAddSingleton<IVideoStatsSource>(sp => sp.GetRequiredService<NodeTopology>().Source == SampleSourceKind.YouTube
            ? sp.GetRequiredService<YouTubePoller>()
            : DemoSource(sp));
        services.TryAddSingleton<ChannelDirectory>();
        // Channel statistics come from YouTube only (the demo source simulates videos).
        services.TryAddSingleton<IChannelStatsSource>(sp => sp.GetRequiredService<NodeTopology>().Source == SampleSourceKind.YouTube
            ? sp.GetRequiredService<ChannelSampler>()
            : NoChannelStats.Instance);
        // Built on first use, which only Kafka mode makes; disposed (after the actor system stopped) by the container.
        services.TryAddSingleton<IProducer<byte[]?, byte[]?>>(sp =>
            new ProducerBuilder<byte[]?, byte[]?>(sp.Get<KafkaOptions>().ToSettings().ProducerConfig()).Build());
        services.AddSingleton(sp => new KafkaConsumerLag(sp.Get<KafkaOptions>()));
        services.AddSingleton(sp =>
        {
            var topology = sp.GetRequiredService<NodeTopology>();
            return new ServiceInfo(
                "YouTube Analytics",
                typeof(YouTubeAnalyticsComposition).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
                    ?.InformationalVersion.Split('+')[0] ?? "0.0.0",
                Mode: topology.ModeName,
                Source: sp.GetRequiredService<IVideoStatsSource>().Name,
                AlertSink: (topology.PublishesAlerts ? "kafka+" : "") + sp.GetRequiredService<IAlertSink>().Name,
                Persistence: sp.Get<PersistenceOptions>().Provider,
                ReadSide: sp.GetRequiredService<ILatestStatsReader>().Name);
        });
        services.AddHostedService<StartupReport>();
        services.AddHostedService<StatusLine>();
        services.AddHostedService<Clustering.FrozenNodeWatchdog>();

        services.AddAkka(ActorSystemName, (akka, sp) => akka.AddYouTubeAnalyticsActors(sp, sp.GetRequiredService<NodeTopology>()));
        // After AddAkka: the API's alert feed starts once the actor system runs.
        services.AddYouTubeAnalyticsApi();
        services.AddSingleton<IPipelineStatusProbe, PipelineStatusProbe>();
        services.AddTopologyHealthChecks();
        services.AddPipelineMetrics();
        return builder;
    }

    private static DemoSource DemoSource(IServiceProvider sp)
    {
        var demo = sp.Get<DemoOptions>();
        return new DemoSource(new DemoCatalog(demo.VideoCount), demo.SampleInterval, sp.GetRequiredService<TimeProvider>());
    }

    /// <summary>Builds this node's actor system by following <paramref name="topology"/>: no decision is taken here.</summary>
    private static void AddYouTubeAnalyticsActors(
        this AkkaConfigurationBuilder akka, IServiceProvider sp, NodeTopology topology)
    {
        var cluster = sp.Get<ClusterNodeOptions>();
        var videos = sp.Get<VideoActorOptions>();
        var alerts = sp.Get<AlertOptions>();
        var videoSettings = new VideoActorSettings(
            new AlertSettings(alerts.ChangeThresholdPercent, [.. alerts.MilestoneValues!], alerts.MinimumChange,
                alerts.Cooldown, alerts.Velocity.Rule), videos.SnapshotEvery,
            Retention: sp.Get<HistoryOptions>().Retention, SnapshotOnPassivation: videos.SnapshotOnPassivation)
        {
            ClockTolerance = sp.Get<HistoryOptions>().ClockTolerance,
        };
        // Never shorter than a few poll periods: a video passivated between two polls pays a recovery per sample.
        var passivateAfter = VideoPassivation.IdleTimeout(videos.PassivateAfter, sp.Get<YouTubeOptions>().PollInterval);
        var ingest = IngestSettings.Default;

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
                Roles = [.. topology.Roles],
                SeedNodes = cluster.SeedNodes.Length > 0 ? cluster.SeedNodes : null,
                SplitBrainResolver = new KeepMajorityOption(),
            })
            .AddHocon(SplitBrainResolverHocon(cluster.DownUnreachableAfter), HoconAddMode.Prepend)
            .WithActorSystemLivenessCheck()
            .WithAkkaClusterReadinessCheck()
            .WithJournal(sp.Get<PersistenceOptions>(), sp.Get<ConnectionStringsOptions>().Journal, cluster)
            .WithWatchlist(sp.Get<WatchOptions>().WatchTargets, sp.GetRequiredService<TimeProvider>())
            .WithQuota(sp.GetRequiredService<TimeProvider>());

        if (topology.Runs(TelegramBotActor.Name))
            akka.WithTelegramBot(sp.GetRequiredService<TelegramBotSettings>());

        var channelSettings = new ChannelActorSettings(new ChannelAlertSettings(
            alerts.ChangeThresholdPercent, [.. alerts.SubscriberMilestoneValues!], alerts.MinimumChange), videos.SnapshotEvery);
        if (topology.Videos == VideoPlacement.Region)
            akka.WithVideoActors(videoSettings, passivateAfter, topology.VideoRole)
                .WithChannelActors(channelSettings, passivateAfter, topology.VideoRole);
        else
            akka.WithVideoActorsProxy(topology.VideoRole!).WithChannelActorsProxy(topology.VideoRole!);

        var kafka = topology.Mode == PipelineMode.Kafka ? sp.Get<KafkaOptions>().ToSettings() : null;
        // The log sink writes a line per alert and merges no backlog: one alert a delivery records each line before the
        // next is written, so a SIGKILL repeats at most one line (a batch would repeat every line written before the kill).
        var notifier = topology.SinkChain[^1] == AlertSinkStage.Log ? NotifierSettings.Default with { MaxBatch = 1 } : NotifierSettings.Default;
        // The daily summary lives beside the notifier (the same role, none), whatever Telegram:Commands says.
        if (topology.Runs(DailySummaryActor.Name))
            akka.WithDailySummary(sp.GetRequiredService<DailySummarySettings>());
        var history = sp.Get<HistoryOptions>();
        if (topology.Runs(RetentionSweepActor.Name))
            akka.WithRetentionSweep(new RetentionSweepSettings(history.SweepInterval, history.Retention, history.ClockTolerance));
        akka.WithAlertNotifier(notifier, decorate: topology.PublishesAlerts
                ? (sink, services) => new KafkaAlertSink(services.GetRequiredService<IProducer<byte[]?, byte[]?>>(), kafka!.ProcessedTopic, sink)
                : null)
            .WithIngestPipeline(ingest, topology.Delivery switch
            {
                SampleDelivery.RawTopic => KafkaHostingExtensions.ToRawTopic(kafka!, ingest),
                _ => IngestHostingExtensions.ToVideoShards(ingest),
            }, topology.IngestRole, topology.Delivery switch
            {
                SampleDelivery.RawTopic => KafkaHostingExtensions.ChannelsToRawTopic(kafka!, ingest),
                _ => IngestHostingExtensions.ToChannelShards(ingest),
            });
        if (topology.Consumer)
            akka.WithKafkaIngest(kafka!, ingest with { Parallelism = kafka!.Parallelism });

        if (topology.JoinsItself)
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
}
