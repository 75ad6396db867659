using YouTubeAnalytics.Api.Live;

namespace YouTubeAnalytics.Api.Tests.Live;

/// <summary>
/// A /events client that stops reading is dropped once Api:EventBuffer events wait for it, and only it: the feed's
/// offers never block, and a client that reads gets every event.
/// </summary>
public sealed class EventClientQueueSpecs
{
    [Fact]
    public async Task Should_drop_a_client_once_its_buffer_is_full_and_keep_what_it_had()
    {
        var drops = 0;
        var queue = new EventClientQueue<int>(3, () => Interlocked.Increment(ref drops));

        foreach (var n in new[] { 1, 2, 3 })
            queue.Offer(n);
        Assert.False(queue.Dropped);
        Assert.Equal(0, drops);

        queue.Offer(4); // the fourth finds the buffer full: the client is not reading
        queue.Offer(5);
        Assert.True(queue.Dropped);
        Assert.Equal(1, drops); // dropped once, however many more arrive

        var left = new List<int>();
        await foreach (var n in queue.Reader.ReadAllAsync(TestContext.Current.CancellationToken))
            left.Add(n);
        Assert.Equal([1, 2, 3], left); // the queue ends: the stream stops after what was buffered
    }

    [Fact]
    public async Task Should_keep_feeding_a_reading_client_while_a_silent_one_is_dropped()
    {
        const int events = 10_000;
        var silentDropped = 0;
        var readerDropped = 0;
        var silent = new EventClientQueue<int>(100, () => Interlocked.Increment(ref silentDropped));
        var reading = new EventClientQueue<int>(100, () => Interlocked.Increment(ref readerDropped));
        var received = new List<int>();
        var count = 0;
        var fed = new SemaphoreSlim(0);

        var reader = Task.Run(async () =>
        {
            await foreach (var n in reading.Reader.ReadAllAsync(TestContext.Current.CancellationToken))
            {
                received.Add(n);
                Interlocked.Increment(ref count);
                fed.Release(); // the feed waits for the reader now and then, as a reading client keeps up
                if (received.Count == events)
                    return;
            }
        }, TestContext.Current.CancellationToken);

        for (var n = 0; n < events; n++)
        {
            silent.Offer(n);
            reading.Offer(n);
            if (n % 50 == 49) // never more than half a buffer ahead of the reader
                while (Volatile.Read(ref count) < n - 49)
                    await fed.WaitAsync(TestContext.Current.CancellationToken);
        }
        await reader.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(1, silentDropped);
        Assert.True(silent.Dropped);
        Assert.Equal(0, readerDropped);
        Assert.False(reading.Dropped);
        Assert.Equal(Enumerable.Range(0, events), received); // every event, in order
    }
}
