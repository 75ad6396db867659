using System.Collections.Concurrent;
using YouTubeAnalytics.Actors.Alerts;

namespace YouTubeAnalytics.Testing;

/// <summary>Records delivered alerts; when <see cref="Hold"/> is set, every delivery waits until cancelled.</summary>
public sealed class RecordingAlertSink : IAlertSink
{
    public bool Hold { get; init; }

    public string Name => "recording";

    public ConcurrentQueue<Alert> Delivered { get; } = new();

    public async Task DeliverAsync(IReadOnlyList<Alert> alerts, AlertProgress progress, CancellationToken cancellationToken)
    {
        if (Hold)
            await Task.Delay(Timeout.Infinite, cancellationToken);
        foreach (var alert in alerts)
            Delivered.Enqueue(alert);
    }
}
