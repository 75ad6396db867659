using System.Globalization;
using YouTubeAnalytics.Api.Pipeline;
using YouTubeAnalytics.Api.ReadSide;

namespace YouTubeAnalytics.Host.Logging;

/// <summary>
/// The figures of one status line. A figure this node does not have (no quota without YouTube, no lag without Kafka)
/// is null and left out; a new figure is one more property and one more part in <see cref="Format"/>.
/// </summary>
public sealed record StatusFigures(
    int Videos,
    double SamplesPerMinute,
    long AlertsRaised,
    long AlertsDelivered,
    QuotaDto? Quota,
    long? ConsumerLag,
    int? ParkedChats = null,
    int? FailingTargets = null)
{
    public string Format()
    {
        var n = CultureInfo.InvariantCulture;
        var parts = new List<string>
        {
            $"{Videos.ToString("N0", n)} videos",
            $"{SamplesPerMinute.ToString("0.#", n)} samples/min",
            $"alerts {AlertsRaised.ToString("N0", n)} raised, {AlertsDelivered.ToString("N0", n)} delivered",
        };
        if (Quota is { } q)
            parts.Add($"quota {q.Used.ToString("N0", n)}/{q.Limit.ToString("N0", n)} units");
        if (ConsumerLag is { } lag)
            parts.Add($"consumer lag {lag.ToString("N0", n)}");
        if (ParkedChats is { } parked)
            parts.Add($"{parked} parked chat(s)");
        if (FailingTargets is { } failing)
            parts.Add($"{failing} failing target(s)");
        return string.Join(", ", parts);
    }

    /// <summary>Samples a minute between two counts of accepted samples.</summary>
    public static double Rate(long before, long after, TimeSpan elapsed) =>
        elapsed <= TimeSpan.Zero ? 0 : Math.Max(0, after - before) / elapsed.TotalMinutes;
}

/// <summary>Logs one status line every Logging:StatusInterval (<see cref="Configuration.StatusLineOptions"/>).</summary>
public sealed partial class StatusLine(
    IPipelineStatusProbe probe, ILatestStatsReader readSide, Microsoft.Extensions.Options.IOptions<Configuration.StatusLineOptions> options,
    TimeProvider clock, ILogger<StatusLine> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval!.Value; // validated at start
        if (interval <= TimeSpan.Zero)
            return;
        long? lastAccepted = null;
        var lastAt = clock.GetUtcNow();
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var status = await probe.ProbeAsync(stoppingToken);
                var videos = await readSide.ListAsync(new VideoQuery(1, 1, VideoSort.Views), stoppingToken);
                var now = clock.GetUtcNow();
                var figures = new StatusFigures(videos.Total,
                    StatusFigures.Rate(lastAccepted ?? 0, status.SamplesAccepted, now - lastAt),
                    status.AlertsRaised, status.AlertsDelivered, status.Quota, status.ConsumerLag);
                (lastAccepted, lastAt) = (status.SamplesAccepted, now);
                LogStatus(logger, figures.Format());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogStatusFailed(logger, ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Status: {Figures}")]
    private static partial void LogStatus(ILogger logger, string figures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Status line skipped: the figures could not be read ({Failure})")]
    private static partial void LogStatusFailed(ILogger logger, string failure);
}
