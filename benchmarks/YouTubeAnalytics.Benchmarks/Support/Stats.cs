namespace YouTubeAnalytics.Benchmarks.Support;

/// <summary>Median and spread of a few repeated measurements.</summary>
public static class Stats
{
    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>"min–max" of the runs, in the unit's own rounding.</summary>
    public static string Spread(IReadOnlyCollection<double> values, string format = "N0") =>
        $"{values.Min().ToString(format, System.Globalization.CultureInfo.InvariantCulture)}–{values.Max().ToString(format, System.Globalization.CultureInfo.InvariantCulture)}";
}
