namespace YouTubeAnalytics.Api;

/// <summary>
/// A per-node limit on work in flight that refuses instead of queueing: a request past the limit is answered at once
/// (429 or 503 with Retry-After) rather than piling up behind the others.
/// </summary>
public sealed class ConcurrencyGate(int limit)
{
    private int _inFlight;

    public int Limit { get; } = limit;

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <returns>A lease to dispose when the work ends, or null when <see cref="Limit"/> are already in flight.</returns>
    public IDisposable? TryEnter()
    {
        if (Interlocked.Increment(ref _inFlight) <= Limit)
            return new Lease(this);
        Interlocked.Decrement(ref _inFlight);
        return null;
    }

    private sealed class Lease(ConcurrencyGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                Interlocked.Decrement(ref gate._inFlight);
        }
    }
}
