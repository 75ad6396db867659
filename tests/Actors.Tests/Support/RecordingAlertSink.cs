using System.Collections.Concurrent;
using YouTubeAnalytics.Actors.Alerts;

namespace YouTubeAnalytics.Actors.Tests.Support;

/// <summary>
/// An alert sink that records what it accepted; it can refuse the first N calls, or hold every delivery while
/// <see cref="Held"/> is set (to stop a notifier "between raise and delivery").
/// </summary>
public sealed class RecordingAlertSink(int failFirstAttempts = 0) : IAlertSink
{
    private int _attempts;
    private volatile bool _held;

    public bool Held
    {
        get => _held;
        set => _held = value;
    }

    public string Name => "recording";

    /// <summary>How long each delivery takes (a remote send), zero by default.</summary>
    public TimeSpan SendTime { get; init; } = TimeSpan.Zero;

    public ConcurrentQueue<Alert> Delivered { get; } = new();

    public ConcurrentQueue<int> BatchSizes { get; } = new();

    public int Attempts => Volatile.Read(ref _attempts);

    public async Task DeliverAsync(IReadOnlyList<Alert> alerts, AlertProgress progress, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        if (attempt <= failFirstAttempts)
            throw new HttpRequestException($"simulated outage (attempt {attempt})");
        if (Held)
            await Task.Delay(Timeout.Infinite, cancellationToken);
        if (SendTime > TimeSpan.Zero)
            await Task.Delay(SendTime, cancellationToken);
        BatchSizes.Enqueue(alerts.Count);
        foreach (var alert in alerts)
            Delivered.Enqueue(alert);
    }
}
