using System.Globalization;

namespace YouTubeAnalytics.Host.Configuration;

public sealed class AlertOptions
{
    public const string Section = "Alerts";
    private string _milestones = "1e3,1e4,1e5,1e6,1e7,1e8,1e9";

    private string _subscriberMilestones = "1e3,1e4,1e5,1e6,1e7,1e8";

    public AlertOptions()
    {
        MilestoneValues = ParseMilestones(_milestones);
        SubscriberMilestoneValues = ParseMilestones(_subscriberMilestones);
    }

    /// <summary>Channel subscriber milestones, comma separated, read as <see cref="Milestones"/> is.</summary>
    public string SubscriberMilestones
    {
        get => _subscriberMilestones;
        set
        {
            _subscriberMilestones = value;
            SubscriberMilestoneValues = ParseMilestones(value);
        }
    }

    /// <summary>The subscriber milestones as numbers; null when <see cref="SubscriberMilestones"/> cannot be read (refused at start).</summary>
    public IReadOnlyList<long>? SubscriberMilestoneValues { get; private set; }

    public decimal ChangeThresholdPercent { get; set; } = 5m;

    /// <summary>The smallest absolute rise a percentage alert needs (small counts swing by large percentages).</summary>
    public long MinimumChange { get; set; } = 10;

    /// <summary>After a percent alert, a video's next ones are held this long (00:00:00: off).</summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Alerts:Velocity:Window, Baseline, Factor, MinimumViews.</summary>
    public VelocityOptions Velocity { get; set; } = new();

    /// <summary>View milestones, comma separated; "1e6" and "1000000" are the same. Parsed when bound: see <see cref="MilestoneValues"/>.</summary>
    public string Milestones
    {
        get => _milestones;
        set
        {
            _milestones = value;
            MilestoneValues = ParseMilestones(value);
        }
    }

    /// <summary>The milestones as numbers, ascending and distinct; null when <see cref="Milestones"/> cannot be read (refused at start).</summary>
    public IReadOnlyList<long>? MilestoneValues { get; private set; }

    public static bool TryParseMilestones(string? raw, out long[] milestones)
    {
        var parsed = ParseMilestones(raw);
        milestones = parsed ?? [];
        return parsed is not null;
    }

    private static long[]? ParseMilestones(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
            return [];
        var values = new List<long>();
        foreach (var part in raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                || d < 1 || d > 1e15 || d != Math.Floor(d))
                return null;
            values.Add((long)d);
        }
        return [.. values.Distinct().Order()];
    }
}
