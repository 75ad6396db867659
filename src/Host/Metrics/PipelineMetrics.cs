using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Metrics;
using YouTubeAnalytics.Api.Pipeline;
using YouTubeAnalytics.Api.Reference;
using YouTubeAnalytics.Api.Service;
using YouTubeAnalytics.Host.Composition;
using YouTubeAnalytics.Streams.Telegram;
using YouTubeAnalytics.Streams.YouTube;

namespace YouTubeAnalytics.Host.Metrics;

/// <summary>
/// /metrics: Prometheus text from OpenTelemetry's exporter over the "YouTubeAnalytics" meter. The counters the node
/// already keeps are read where they live, by observable instruments: samples and alerts from the pipeline status
/// (refreshed by <see cref="PipelineStatusSampler"/>), consumer lag, YouTube quota, Telegram's parked chats. The rest
/// are counted where they happen (<see cref="PipelineMeter"/>).
/// </summary>
public static class PipelineMetrics
{
    public const string Route = "/metrics";

    public static IServiceCollection AddPipelineMetrics(this IServiceCollection services)
    {
        services.AddSingleton<PipelineStatusSampler>();
        services.AddHostedService(sp => sp.GetRequiredService<PipelineStatusSampler>());
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("youtube-analytics", serviceVersion: ApiReference.Version))
            .WithMetrics(metrics => metrics
            .AddMeter(PipelineMeter.Name)
            .AddPrometheusExporter(o => o.DisableTotalNameSuffixForCounters = false));
        services.AddSingleton<ObservedInstruments>();
        return services;
    }

    public static IEndpointRouteBuilder MapPipelineMetrics(this IEndpointRouteBuilder app)
    {
        app.ServiceProvider.GetRequiredService<ObservedInstruments>(); // the observable instruments exist from now on
        app.MapPrometheusScrapingEndpoint(Route);
        return app;
    }

    /// <summary>
    /// The observable instruments over a host's own counters. OpenTelemetry keeps one instrument per name and meter
    /// name in a process, so they are created once, on the shared meter, and read the figures of the host that
    /// registered last and still runs (a node is one host per process; a test process that runs several hosts at
    /// once sees the newest one's figures).
    /// </summary>
    internal sealed class ObservedInstruments : IDisposable
    {
        private static readonly List<ObservedInstruments> Live = [];
        private static readonly Lazy<bool> Created = new(CreateInstruments);

        private readonly PipelineStatusSampler _sampler;
        private readonly string _sink;
        private readonly QuotaBudget? _quota;
        private readonly TelegramAlertSink? _telegram;

        public ObservedInstruments(PipelineStatusSampler sampler, ServiceInfo info, IServiceProvider services)
        {
            _sampler = sampler;
            _sink = info.AlertSink;
            // The budget is registered on every node; only the YouTube source spends it.
            _quota = services.GetService<NodeTopology>()?.Source == SampleSourceKind.YouTube ? services.GetService<QuotaBudget>() : null;
            _telegram = TelegramAlertSink.Within(services.GetService<IAlertSink>());
            _ = Created.Value;
            lock (Live)
                Live.Add(this);
        }

        public void Dispose()
        {
            lock (Live)
                Live.Remove(this);
        }

        private static ObservedInstruments? Current
        {
            get
            {
                lock (Live)
                    return Live.Count > 0 ? Live[^1] : null;
            }
        }

        private static PipelineStatusDto? Status => Current?._sampler.Latest;

        private static IEnumerable<Measurement<long>> One(long? value, params KeyValuePair<string, object?>[] tags) =>
            value is { } v ? [new Measurement<long>(v, tags)] : [];

        private static bool CreateInstruments()
        {
            var meter = PipelineMeter.Meter;
            meter.CreateObservableCounter("yta.samples.accepted", () => One(Status?.SamplesAccepted), "{sample}",
                "Samples the VideoActors accepted (persisted)");
            meter.CreateObservableCounter("yta.samples.ignored", () => One(Status?.SamplesIgnored), "{sample}",
                "Samples the VideoActors ignored (duplicate, older or impossible)");
            meter.CreateObservableCounter("yta.alerts.raised", () => One(Status?.AlertsRaised), "{alert}",
                "Alerts the VideoActors raised");
            meter.CreateObservableCounter("yta.alerts.delivered",
                () => Current is { } host ? One(Status?.AlertsDelivered, new KeyValuePair<string, object?>("sink", host._sink)) : [],
                "{alert}", "Alerts the notifier delivered, by sink");
            meter.CreateObservableGauge("yta.kafka.consumer_lag", () => One(Status?.ConsumerLag), "{record}",
                "Raw-topic records not yet committed by the consumer group (Kafka mode)");
            meter.CreateObservableGauge("yta.youtube.quota.used", () => One(Current?._quota?.Spent), "{unit}",
                "YouTube quota units spent today (Pacific day; YouTube source only)");
            meter.CreateObservableGauge("yta.youtube.quota.left", () => One(Current?._quota?.Remaining), "{unit}",
                "YouTube quota units left today (YouTube source only)");
            meter.CreateObservableGauge("yta.telegram.chats.parked",
                () => Current is { } host ? One(host._telegram?.ParkedChats.Count ?? 0) : [], "{chat}",
                "Telegram chats that refuse messages permanently (blocked, kicked, not found), their alerts held");
            meter.CreateObservableGauge("yta.pipeline.stages.running", () => One(Status?.Stages.Count(s => s.Running)), "{stage}",
                "Pipeline stages that answered the last status probe");
            return true;
        }
    }
}

/// <summary>
/// Asks the pipeline's stages for their status every <see cref="Interval"/> (the observable instruments must not
/// ask actors while Prometheus waits); /metrics shows the last answer.
/// </summary>
public sealed class PipelineStatusSampler(IPipelineStatusProbe probe, ILogger<PipelineStatusSampler> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public PipelineStatusDto? Latest { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                Latest = await probe.ProbeAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogDebug(e, "The pipeline status probe failed; /metrics keeps the previous figures");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
