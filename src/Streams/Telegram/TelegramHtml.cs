using System.Globalization;
using System.Text;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Streams.Alerts;

namespace YouTubeAnalytics.Streams.Telegram;

/// <summary>
/// One Telegram message: the HTML text, the same words as plain text (sent when Telegram cannot parse the HTML),
/// whether a link preview is wanted, and the alerts it carries.
/// </summary>
public sealed record TelegramMessage(string Html, string Plain, string? PreviewUrl, IReadOnlyList<string> AlertIds);

/// <summary>
/// Puts alerts into Telegram's HTML: the title as a link, the rules in words, the totals. Every YouTube string is
/// escaped; a backlog becomes a digest, one line per alert, split into messages of at most <see cref="MaxLength"/>.
/// </summary>
public static class TelegramHtml
{
    public const int MaxLength = 4096;

    /// <summary>YouTube titles are at most 100 characters; anything longer is cut so that one line always fits.</summary>
    private const int MaxTitle = 200;

    /// <summary>The four characters Telegram's HTML needs escaped (the quote for attribute values).</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal);

    public static string VideoUrl(Alert alert) => AlertText.Url(alert);

    public static TelegramMessage Single(Alert alert)
    {
        var html = new StringBuilder();
        var plain = new StringBuilder();
        html.Append("<b>").Append(Link(alert)).Append("</b>");
        plain.Append(Title(alert));
        if (alert.ChannelTitle is not null)
        {
            html.Append(" — ").Append(Escape(alert.ChannelTitle));
            plain.Append(" — ").Append(alert.ChannelTitle);
        }
        foreach (var breach in alert.Breaches)
        {
            html.Append('\n').Append(Escape(AlertText.Describe(breach)));
            plain.Append('\n').Append(AlertText.Describe(breach));
        }
        html.Append("\nNow: ").Append(Escape(AlertText.Totals(alert)));
        plain.Append("\nNow: ").Append(AlertText.Totals(alert)).Append('\n').Append(VideoUrl(alert));
        return new TelegramMessage(html.ToString(), plain.ToString(), VideoUrl(alert), [alert.AlertId]);
    }

    /// <summary>
    /// A backlog as few messages as fit: a header, then one line per alert in the order given. A message never
    /// exceeds <paramref name="maxLength"/> characters, counting the HTML tags (Telegram counts only the text).
    /// </summary>
    public static IReadOnlyList<TelegramMessage> Digest(IReadOnlyList<Alert> alerts, int maxLength = MaxLength)
    {
        var messages = new List<TelegramMessage>();
        var html = new StringBuilder();
        var plain = new StringBuilder();
        var ids = new List<string>();
        var remaining = alerts.Count;
        foreach (var alert in alerts)
        {
            var (lineHtml, linePlain) = DigestLine(alert);
            if (ids.Count > 0 && html.Length + 1 + lineHtml.Length > maxLength)
            {
                messages.Add(new TelegramMessage(html.ToString(), plain.ToString(), null, ids));
                html.Clear();
                plain.Clear();
                ids = [];
            }
            if (ids.Count == 0)
            {
                var header = remaining == 1 ? "1 more alert" : $"{remaining} alerts";
                html.Append("<b>").Append(header).Append("</b>");
                plain.Append(header);
            }
            html.Append('\n').Append(lineHtml);
            plain.Append('\n').Append(linePlain);
            ids.Add(alert.AlertId);
            remaining--;
        }
        if (ids.Count > 0)
            messages.Add(new TelegramMessage(html.ToString(), plain.ToString(), null, ids));
        return messages;
    }

    /// <summary>
    /// Alerts a chat missed for longer than History:Retention (it refused messages meanwhile), as one message: how many,
    /// over which time, and the first videos by name (the rest counted).
    /// </summary>
    public static TelegramMessage Summary(IReadOnlyList<Alert> alerts, TimeSpan retention)
    {
        const int Named = 10;
        var videos = alerts.DistinctBy(a => a.VideoId).ToList();
        var from = alerts.Min(a => a.ObservedAt).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var to = alerts.Max(a => a.ObservedAt).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var header = $"{alerts.Count} older alert(s) held while this chat refused messages ({from} to {to}, older than "
            + $"{retention.TotalDays.ToString("0.#", CultureInfo.InvariantCulture)} days), {videos.Count} video(s)";
        var html = new StringBuilder("<b>").Append(Escape(header)).Append("</b>");
        var plain = new StringBuilder(header);
        foreach (var video in videos.Take(Named))
        {
            html.Append("\n• ").Append(Link(video));
            plain.Append("\n• ").Append(Title(video)).Append(" (").Append(VideoUrl(video)).Append(')');
        }
        if (videos.Count > Named)
        {
            html.Append("\n… and ").Append(videos.Count - Named).Append(" more");
            plain.Append("\n… and ").Append(videos.Count - Named).Append(" more");
        }
        return new TelegramMessage(html.ToString(), plain.ToString(), null, [.. alerts.Select(a => a.AlertId)]);
    }

    private static (string Html, string Plain) DigestLine(Alert alert)
    {
        var rules = string.Join("; ", alert.Breaches.Select(AlertText.Describe));
        var views = $"now {alert.ViewCount.ToString("N0", CultureInfo.InvariantCulture)} views";
        return ($"• {Link(alert)}: {Escape(rules)}, {views}", $"• {Title(alert)} ({VideoUrl(alert)}): {rules}, {views}");
    }

    internal static string Link(Alert alert) => $"<a href=\"{Escape(VideoUrl(alert))}\">{Escape(Title(alert))}</a>";

    internal static string Title(Alert alert)
    {
        var title = string.IsNullOrWhiteSpace(alert.Title) ? alert.VideoId : alert.Title;
        return title.Length <= MaxTitle ? title : title[..MaxTitle] + "…";
    }
}
