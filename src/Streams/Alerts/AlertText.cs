using System.Globalization;
using System.Text;
using YouTubeAnalytics.Actors.Alerts;

namespace YouTubeAnalytics.Streams.Alerts;

/// <summary>Puts an alert into words, as a person reads it in a chat: "Views +7.2% (+1,994) in 3h".</summary>
public static class AlertText
{
    private static readonly CultureInfo Numbers = CultureInfo.InvariantCulture;

    public static string Plain(Alert alert)
    {
        var text = new StringBuilder();
        text.Append(alert.Title ?? alert.VideoId);
        if (alert.ChannelTitle is not null)
            text.Append(" — ").Append(alert.ChannelTitle);
        text.AppendLine();
        foreach (var breach in alert.Breaches)
            text.AppendLine(Describe(breach));
        text.Append("Now: ").Append(Totals(alert)).AppendLine();
        text.Append(Url(alert));
        return text.ToString();
    }

    public static string Describe(Breach breach)
    {
        var metric = breach.Metric switch
        {
            Metric.Views => "Views",
            Metric.Likes => "Likes",
            Metric.Comments => "Comments",
            _ => breach.Metric.ToString(),
        };
        if (breach.Rule == Actors.Videos.NewUploadRule.Rule) // alerts raised at discovery before issue 15 have no window
            return breach.Window > TimeSpan.Zero
                ? $"New upload in a watched playlist or channel, published {Duration(breach.Window)} ago"
                : "New upload in a watched playlist or channel";
        if (breach.Rule == VelocityRule.RuleName)
            return Surge(breach);
        if (breach.Rule == Actors.Live.LiveBroadcast.StartedRule)
            return $"Live now: {breach.Current.ToString("N0", Numbers)} watching";
        if (breach.Rule == Actors.Live.LiveBroadcast.EndedRule)
            return $"Stream ended, peak {breach.Current.ToString("N0", Numbers)} viewers ({Duration(breach.Window)} live)";
        if (breach.Milestone is { } milestone)
            return $"Passed {milestone.ToString("N0", Numbers)} {metric.ToLowerInvariant()}";
        var pct = breach.DeltaPct is { } p ? $"+{p.ToString("0.#", Numbers)}% " : "";
        return $"{metric} {pct}(+{breach.DeltaAbs.ToString("N0", Numbers)}) in {Duration(breach.Window)}";
    }

    /// <summary>"Views 4.1× faster than usual: +12,400 in the last hour, usually ~3,000/h".</summary>
    private static string Surge(Breach breach)
    {
        var usual = Math.Max(0, breach.UsualPerHour ?? 0);
        var recent = breach.Window > TimeSpan.Zero ? breach.DeltaAbs / breach.Window.TotalHours : 0;
        var pace = usual > 0 ? $"{(recent / usual).ToString("0.0", Numbers)}× faster than usual" : "picking up from a standstill";
        var span = breach.Window == TimeSpan.FromHours(1) ? "hour" : Duration(breach.Window);
        return $"Views {pace}: +{breach.DeltaAbs.ToString("N0", Numbers)} in the last {span}, usually ~{Rounded(usual)}/h";
    }

    /// <summary>A rate to two significant figures, as one says it: 3,000, 450, 12.</summary>
    public static string Rounded(double value)
    {
        if (value < 10)
            return Math.Round(value).ToString("N0", Numbers);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)) - 1);
        return (Math.Round(value / magnitude) * magnitude).ToString("N0", Numbers);
    }
    /// <summary>The video's short link, or the channel's page for a channel's alert.</summary>
    public static string Url(Alert alert) => alert.Subject == AlertSubject.Channel
        ? $"https://www.youtube.com/channel/{alert.VideoId}"
        : $"https://youtu.be/{alert.VideoId}";

    public static string Totals(Alert alert)
    {
        var parts = new List<string>();
        if (alert.Subject == AlertSubject.Channel)
            parts.Add(alert.SubscriberCount is { } subscribers ? $"{subscribers.ToString("N0", Numbers)} subscribers" : "subscribers hidden");
        parts.Add($"{alert.ViewCount.ToString("N0", Numbers)} views");
        if (alert.LikeCount is { } likes) parts.Add($"{likes.ToString("N0", Numbers)} likes");
        if (alert.CommentCount is { } comments) parts.Add($"{comments.ToString("N0", Numbers)} comments");
        return string.Join(", ", parts);
    }

    /// <summary>"45s", "12m", "3h", "2d 4h": the largest two units that matter.</summary>
    public static string Duration(TimeSpan window)
    {
        if (window < TimeSpan.FromMinutes(1)) return $"{Math.Max(0, (int)window.TotalSeconds)}s";
        if (window < TimeSpan.FromHours(1)) return $"{(int)window.TotalMinutes}m";
        if (window < TimeSpan.FromDays(1))
            return window.Minutes == 0 ? $"{(int)window.TotalHours}h" : $"{(int)window.TotalHours}h {window.Minutes}m";
        return window.Hours == 0 ? $"{(int)window.TotalDays}d" : $"{(int)window.TotalDays}d {window.Hours}h";
    }
}
