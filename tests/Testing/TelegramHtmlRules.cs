using System.Text;
using System.Text.RegularExpressions;

namespace YouTubeAnalytics.Testing;

/// <summary>
/// Telegram's HTML parse mode as the Bot API applies it: only its few tags, every &lt; &gt; &amp; outside a tag
/// escaped, tags closed in order. Returns the text a user sees, or the error Telegram answers with.
/// </summary>
public static partial class TelegramHtmlRules
{
    private static readonly HashSet<string> AllowedTags =
        ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji"];

    public static bool TryParse(string html, out string visible, out string? error)
    {
        var text = new StringBuilder();
        var open = new Stack<string>();
        visible = "";
        error = null;
        for (var i = 0; i < html.Length; i++)
        {
            var c = html[i];
            if (c == '<')
            {
                var end = html.IndexOf('>', i);
                if (end < 0)
                    return Fail(out error, $"Unclosed start tag at byte offset {Offset(html, i)}");
                var tag = html[(i + 1)..end];
                if (tag.StartsWith('/'))
                {
                    var name = tag[1..].Trim();
                    if (open.Count == 0 || open.Peek() != name)
                        return Fail(out error, $"Unmatched end tag at byte offset {Offset(html, i)}, expected \"</{(open.Count > 0 ? open.Peek() : "")}>\", found \"</{name}>\"");
                    open.Pop();
                }
                else
                {
                    var name = tag.Split(' ', 2)[0];
                    if (!AllowedTags.Contains(name))
                        return Fail(out error, $"Unsupported start tag \"{name}\" at byte offset {Offset(html, i)}");
                    if (name == "a" && !HrefAttribute().IsMatch(tag))
                        return Fail(out error, $"Can't parse a tag at byte offset {Offset(html, i)}: expected href");
                    open.Push(name);
                }
                i = end;
            }
            else if (c == '>')
            {
                return Fail(out error, $"Character '>' is reserved and must be escaped at byte offset {Offset(html, i)}");
            }
            else if (c == '&')
            {
                var entity = Entity().Match(html, i);
                if (!entity.Success || entity.Index != i)
                    return Fail(out error, $"Character '&' is reserved and must be escaped at byte offset {Offset(html, i)}");
                text.Append(System.Net.WebUtility.HtmlDecode(entity.Value));
                i += entity.Length - 1;
            }
            else
            {
                text.Append(c);
            }
        }
        if (open.Count > 0)
            return Fail(out error, $"Can't find end tag corresponding to start tag \"{open.Peek()}\"");
        visible = text.ToString();
        return true;
    }

    private static bool Fail(out string error, string reason)
    {
        error = "Bad Request: can't parse entities: " + reason;
        return false;
    }

    private static int Offset(string html, int index) => Encoding.UTF8.GetByteCount(html.AsSpan(0, index));

    [GeneratedRegex("""^a\s+href="[^"<>]*"\s*$""")]
    private static partial Regex HrefAttribute();

    [GeneratedRegex("&(lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);")]
    private static partial Regex Entity();
}
