using System.Collections.Concurrent;
using YouTubeAnalytics.Actors.Alerts;

namespace YouTubeAnalytics.Actors.Tests.Support;

/// <summary>
/// An alert sink that records what it accepted; it can refuse the first N attempts, or hold every delivery until
/// released (to crash a node "between raise and delivery").
/// </summary>
public sealed class RecordingAlertSink(int failFirstAttempts = 0) : IAlertSink
{
    private int _attempts;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Held { get; init; }

    public string Name => "recording";

    public ConcurrentQueue<Alert> Delivered { get; } = new();

    public int Attempts => Volatile.Read(ref _attempts);

    public void Release() => _release.TrySetResult();

    public async Task DeliverAsync(Alert alert, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        if (attempt <= failFirstAttempts)
            throw new HttpRequestException($"simulated outage (attempt {attempt})");
        if (Held)
            await _release.Task.WaitAsync(cancellationToken);
        Delivered.Enqueue(alert);
    }
}
