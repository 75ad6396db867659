using System.Diagnostics;

namespace YouTubeAnalytics.Benchmarks.Support;

/// <summary>Polls a count until it reaches a target; the elapsed time is part of a figure, so the poll is short.</summary>
public static class Wait
{
    public static async Task UntilAsync(Func<long> count, long target, TimeSpan within, string what)
    {
        var watch = Stopwatch.StartNew();
        long last = 0;
        while ((last = Read(count)) < target)
        {
            if (watch.Elapsed > within)
                throw new TimeoutException($"{what}: {last} of {target} after {within.TotalSeconds:F0} s");
            await Task.Delay(25);
        }
    }

    /// <summary>A table the journal has not created yet counts as nothing persisted.</summary>
    private static long Read(Func<long> count)
    {
        try
        {
            return count();
        }
        catch (System.Data.Common.DbException)
        {
            return -1;
        }
    }
}
