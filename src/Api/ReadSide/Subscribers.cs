namespace YouTubeAnalytics.Api.ReadSide;

/// <summary>The callbacks of one node's live connections (dashboard SSE); a failing callback never stops the others.</summary>
internal sealed class Subscribers<T>
{
    private Action<T>[] _callbacks = [];

    public IDisposable Add(Action<T> callback)
    {
        Action<T>[] current;
        do
        {
            current = _callbacks;
        } while (Interlocked.CompareExchange(ref _callbacks, [.. current, callback], current) != current);
        return new Unsubscriber(this, callback);
    }

    public void Notify(T item)
    {
        foreach (var callback in Volatile.Read(ref _callbacks))
        {
            try
            {
                callback(item);
            }
            catch (Exception)
            {
                // A subscriber is a connection's queue: it must never fail the writer (an actor, a stream).
            }
        }
    }

    private void Remove(Action<T> callback)
    {
        Action<T>[] current;
        do
        {
            current = _callbacks;
        } while (Interlocked.CompareExchange(ref _callbacks, [.. current.Where(c => c != callback)], current) != current);
    }

    private sealed class Unsubscriber(Subscribers<T> owner, Action<T> callback) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                owner.Remove(callback);
        }
    }
}
