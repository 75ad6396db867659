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
        // This host's own meter for the observable instruments: same name as the shared one, but another host in the
        // process (tests run several) has its own, and this host's provider drops theirs.
        var ownMeter = new Meter(PipelineMeter.Name, PipelineMeter.Meter.Version);
        services.AddSingleton<PipelineStatusSampler>();
        services.AddHostedService(sp => sp.GetRequiredService<PipelineStatusSampler>());
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("youtube-analytics", serviceVersion: ApiReference.Version))
            .WithMetrics(metrics => metrics
            .AddMeter(PipelineMeter.Name)
            .AddView(instrument => ObservedInstruments.IsAnotherHosts(instrument, ownMeter) ? MetricStreamConfiguration.Drop : null)
            .AddPrometheusExporter(o => o.DisableTotalNameSuffixForCounters = false));
        services.AddSingleton(sp => new ObservedInstruments(ownMeter, sp.GetRequiredService<PipelineStatusSampler>(),
            sp.GetRequiredService<ServiceInfo>(), sp));
        return services;
    }

    public static IEndpointRouteBuilder MapPipelineMetrics(this IEndpointRouteBuilder app)
    {
        app.ServiceProvider.GetRequiredService<ObservedInstruments>(); // the observable instruments exist from now on
        app.MapPrometheusScrapingEndpoint(Route);
        return app;
    }

    /// <summary>
    /// The observable instruments over this host's own counters, on this host's own meter (disposed with the host).
    /// The synchronous instruments live on the process's shared <see cref="PipelineMeter.Meter"/>.
    /// </summary>
    internal sealed class ObservedInstruments : IDisposable
    {
        private readonly Meter _meter;
        private readonly PipelineStatusSampler _sampler;
        private readonly string _sink;
        private readonly QuotaBudget? _quota;
        private readonly TelegramAlertSink? _telegram;

        public ObservedInstruments(Meter meter, PipelineStatusSampler sampler, ServiceInfo info, IServiceProvider services)
        {
            _meter = meter;
            _sampler = sampler;
            _sink = info.AlertSink;
            // The budget is registered on every node; only the YouTube source spends it.
            _quota = services.GetService<NodeTopology>()?.Source == SampleSourceKind.YouTube ? services.GetService<QuotaBudget>() : null;
            _telegram = TelegramAlertSink.Within(services.GetService<IAlertSink>());
            CreateInstruments();
        }

        /// <summary>An instrument of the pipeline's name on neither the shared meter nor this host's own.</summary>
        public static bool IsAnotherHosts(Instrument instrument, Meter ownMeter) =>
            instrument.Meter.Name == PipelineMeter.Name && instrument.Meter != ownMeter && instrument.Meter != PipelineMeter.Meter;

        public void Dispose() => _meter.Dispose();

        private PipelineStatusDto? Status => _sampler.Latest;

        private IEnumerable<Measurement<long>> QuotaUnits() =>
            _quota is null || Status?.Quota is not { } quota
                ? []
                : quota.Buckets.SelectMany(b => b.UsedByPurpose.Select(p => new Measurement<long>(p.Value,
                    new KeyValuePair<string, object?>("bucket", b.Bucket), new KeyValuePair<string, object?>("purpose", p.Key))));

        private static IEnumerable<Measurement<long>> One(long? value, params KeyValuePair<string, object?>[] tags) =>
            value is { } v ? [new Measurement<long>(v, tags)] : [];

        private void CreateInstruments()
        {
            _meter.CreateObservableCounter("yta.samples.accepted", () => One(Status?.SamplesAccepted), "{sample}",
                "Samples the VideoActors accepted (persisted)");
            _meter.CreateObservableCounter("yta.samples.ignored", () => One(Status?.SamplesIgnored), "{sample}",
                "Samples the VideoActors ignored (duplicate, older or impossible)");
            _meter.CreateObservableCounter("yta.alerts.raised", () => One(Status?.AlertsRaised), "{alert}",
                "Alerts the VideoActors raised");
            _meter.CreateObservableCounter("yta.alerts.delivered",
                () => One(Status?.AlertsDelivered, new KeyValuePair<string, object?>("sink", _sink)),
                "{alert}", "Alerts the notifier delivered, by sink");
            _meter.CreateObservableGauge("yta.kafka.consumer_lag", () => One(Status?.ConsumerLag), "{record}",
                "Raw-topic records not yet committed by the consumer group (Kafka mode)");
            _meter.CreateObservableGauge("yta.youtube.quota.used", () => One(_quota is null ? null : Status?.Quota?.Used), "{unit}",
                "The Google project's Data API quota units spent today (Pacific day; YouTube source only)");
            _meter.CreateObservableGauge("yta.youtube.quota.left", () => One(_quota is null ? null : Status?.Quota?.Left), "{unit}",
                "The Google project's Data API quota units left today (YouTube source only)");
            _meter.CreateObservableGauge("yta.quota.units", QuotaUnits, "{unit}",
                "The Google project's quota units spent today, by bucket (data-api, batch-get-stats) and purpose; the same on every node");
            _meter.CreateObservableGauge("yta.telegram.chats.parked", () => One(_telegram?.ParkedChats.Count ?? 0), "{chat}",
                "Telegram chats that refuse messages permanently (blocked, kicked, not found), their alerts held");
            _meter.CreateObservableGauge("yta.pipeline.stages.running", () => One(Status?.Stages.Count(s => s.Running)), "{stage}",
                "Pipeline stages that answered the last status probe");
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
