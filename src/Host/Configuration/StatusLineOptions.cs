using System.Globalization;

namespace YouTubeAnalytics.Host.Configuration;

/// <summary>Logging:StatusInterval: how often the status line is logged (default 5 minutes; 00:00:00 turns it off).</summary>
public sealed class StatusLineOptions
{
    public const string Section = "Logging";
    public const string IntervalKey = "Logging:StatusInterval";
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(5);

    public const string IntervalError =
        $"{IntervalKey} must be a time span of at least 00:00:01, e.g. 00:05:00 (00:00:00 turns the status line off)";

    private string? _statusInterval;

    /// <summary>As configured; parsed when bound into <see cref="Interval"/>.</summary>
    public string? StatusInterval
    {
        get => _statusInterval;
        set
        {
            _statusInterval = value;
            Interval = Parse(value);
        }
    }

    /// <summary>The interval; null when <see cref="StatusInterval"/> cannot be read (refused at start).</summary>
    public TimeSpan? Interval { get; private set; } = DefaultInterval;

    private static TimeSpan? Parse(string? raw) =>
        string.IsNullOrWhiteSpace(raw) ? DefaultInterval
        : TimeSpan.TryParse(raw, CultureInfo.InvariantCulture, out var interval) && (interval == TimeSpan.Zero || interval >= TimeSpan.FromSeconds(1))
            ? interval
            : null;
}
