using System.Globalization;
using System.Text;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Alerts.Summary;

namespace YouTubeAnalytics.Streams.Telegram;

/// <summary>
/// A chat's daily summary in Telegram HTML: top gainers of the last 24 h, milestones passed, surges, new uploads, streams
/// that ended (with their peak viewers) and the totals, every YouTube string escaped, split into messages of at most 4,096 characters at line ends. Pure.
/// </summary>
public static class DailySummaryHtml
{
    public const int Listed = 10;
    private static readonly CultureInfo Numbers = CultureInfo.InvariantCulture;

    public static IReadOnlyList<TelegramMessage> Build(DueSummary due, DailyFigures figures, int maxLength = TelegramHtml.MaxLength)
    {
        var lines = new List<(string Html, string Plain)>
        {
            ($"<b>Daily summary, {due.Day.ToString("yyyy-MM-dd", Numbers)}</b>", $"Daily summary, {due.Day.ToString("yyyy-MM-dd", Numbers)}"),
        };
        var gainers = figures.TopGainers.Where(m => m.ViewsGained > 0).Take(Listed).ToList();
        Section(lines, "Top gainers, last 24 h", gainers.Select((m, i) =>
        {
            var title = TelegramHtml.Escape(m.Title ?? m.VideoId);
            var url = $"https://youtu.be/{m.VideoId}";
            var gain = $"+{m.ViewsGained.ToString("N0", Numbers)} views ({m.ViewCount.ToString("N0", Numbers)})";
            return ($"{i + 1}. <a href=\"{TelegramHtml.Escape(url)}\">{title}</a> {gain}", $"{i + 1}. {m.Title ?? m.VideoId} ({url}) {gain}");
        }));
        Section(lines, "Milestones passed", Breaches(figures.Alerts, b => b.Rule.StartsWith("milestone:", StringComparison.Ordinal)));
        Section(lines, "Surges", Breaches(figures.Alerts, b => b.Rule.StartsWith("velocity:", StringComparison.Ordinal)));
        Section(lines, "New uploads", figures.Alerts.Where(a => a.Breaches.Any(b => b.Rule.StartsWith("new:", StringComparison.Ordinal)))
            .Select(a => ($"• {TelegramHtml.Link(a)}", $"• {TelegramHtml.Title(a)} ({TelegramHtml.VideoUrl(a)})")));
        Section(lines, "Streams ended", Breaches(figures.Alerts, b => b.Rule == Actors.Live.LiveBroadcast.EndedRule));
        var totals = $"{figures.VideosTracked.ToString("N0", Numbers)} videos tracked, +{figures.ViewsGained24h.ToString("N0", Numbers)} views, "
            + $"{figures.Alerts.Count.ToString("N0", Numbers)} alerts in the last 24 h";
        lines.Add(("\n<b>Totals</b>: " + totals, "\nTotals: " + totals));
        return Split(lines, maxLength);
    }

    private static IEnumerable<(string, string)> Breaches(IReadOnlyList<Alert> alerts, Func<Breach, bool> kind) =>
        alerts.SelectMany(a => a.Breaches.Where(kind).Select(b => (
            $"• {TelegramHtml.Link(a)}: {TelegramHtml.Escape(Streams.Alerts.AlertText.Describe(b))}",
            $"• {TelegramHtml.Title(a)} ({TelegramHtml.VideoUrl(a)}): {Streams.Alerts.AlertText.Describe(b)}")));

    /// <summary>A heading and the first <see cref="Listed"/> lines, the rest counted; nothing when there are none.</summary>
    private static void Section(List<(string Html, string Plain)> lines, string heading, IEnumerable<(string Html, string Plain)> items)
    {
        var all = items.ToList();
        if (all.Count == 0)
            return;
        lines.Add(($"\n<b>{heading}</b>", "\n" + heading));
        lines.AddRange(all.Take(Listed));
        if (all.Count > Listed)
            lines.Add(($"… and {all.Count - Listed} more", $"… and {all.Count - Listed} more"));
    }

    private static List<TelegramMessage> Split(List<(string Html, string Plain)> lines, int maxLength)
    {
        var messages = new List<TelegramMessage>();
        var html = new StringBuilder();
        var plain = new StringBuilder();
        foreach (var (lineHtml, linePlain) in lines)
        {
            if (html.Length > 0 && html.Length + 1 + lineHtml.Length > maxLength)
            {
                messages.Add(new TelegramMessage(html.ToString(), plain.ToString(), null, []));
                html.Clear();
                plain.Clear();
            }
            if (html.Length > 0)
            {
                html.Append('\n');
                plain.Append('\n');
            }
            html.Append(lineHtml);
            plain.Append(linePlain);
        }
        messages.Add(new TelegramMessage(html.ToString(), plain.ToString(), null, []));
        return messages;
    }
}
