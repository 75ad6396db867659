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
        if (breach.Rule == Actors.Watchlist.WatchlistState.NewVideoRule)
            return "New upload in a watched playlist or channel";
        if (breach.Milestone is { } milestone)
            return $"Passed {milestone.ToString("N0", Numbers)} {metric.ToLowerInvariant()}";
        var pct = breach.DeltaPct is { } p ? $"+{p.ToString("0.#", Numbers)}% " : "";
        return $"{metric} {pct}(+{breach.DeltaAbs.ToString("N0", Numbers)}) in {Duration(breach.Window)}";
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
