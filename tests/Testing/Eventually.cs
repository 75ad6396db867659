namespace YouTubeAnalytics.Testing;

/// <summary>Polls a probe until it holds or the deadline passes; the last failure is the test's failure.</summary>
public static class Eventually
{
    public static async Task Holds(Func<Task> probe, TimeSpan? within = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            try
            {
                await probe();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    public static Task Holds(Action probe, TimeSpan? within = null, CancellationToken cancellationToken = default) =>
        Holds(() =>
        {
            probe();
            return Task.CompletedTask;
        }, within, cancellationToken);
}
