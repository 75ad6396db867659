using System.Diagnostics;

namespace YouTubeAnalytics.Benchmarks.Steady;

/// <summary>
/// CPU seconds spent so far by this process (ours runs in it as the in-process host, the seed's design as its
/// consumer thread) and by the PostgreSQL backends serving one database (their command line names it), read from /proc.
/// </summary>
public static class CpuClock
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static double Process() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    public static double Database(string database)
    {
        if (!Directory.Exists("/proc"))
            return double.NaN;
        double ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (!int.TryParse(Path.GetFileName(dir), out _))
                    continue;
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (!cmdline.StartsWith("postgres:", StringComparison.Ordinal) || !cmdline.Contains($" {database} ", StringComparison.Ordinal))
                    continue;
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += double.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture)
                         + double.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // the process ended meanwhile
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return ticks / TicksPerSecond;
    }
}
