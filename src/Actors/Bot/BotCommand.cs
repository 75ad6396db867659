using System.Globalization;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Actors.Watchlist;

namespace YouTubeAnalytics.Actors.Bot;

/// <summary>A chat message the bot understood, or why it did not. Parsing is pure: no lookups, no clock.</summary>
public abstract record BotCommand
{
    public sealed record Watch(WatchTarget Target) : BotCommand;

    /// <summary>The id as given: a video, playlist or channel id or @handle (a URL is reduced to it).</summary>
    public sealed record Unwatch(string Id) : BotCommand;

    public sealed record List : BotCommand;

    public sealed record Stats(string VideoId) : BotCommand;

    public sealed record Top : BotCommand;

    /// <summary>A channel's current figures, by UC… id or @handle.</summary>
    public sealed record Channel(string IdOrHandle) : BotCommand;

    /// <summary>Mutes a video's alerts in this chat for <paramref name="Duration"/>; null unmutes it.</summary>
    public sealed record Mute(string VideoId, TimeSpan? Duration) : BotCommand;

    /// <summary>The smallest change (percent) this chat is told about; null goes back to the node's threshold; a query when <paramref name="Show"/>.</summary>
    public sealed record Threshold(decimal? Percent, bool Show = false) : BotCommand;

    /// <summary>The chat's daily summary at <paramref name="Schedule"/>; null turns it off.</summary>
    public sealed record Summary(Alerts.Summary.SummarySchedule? Schedule) : BotCommand;

    public sealed record Help : BotCommand;

    /// <summary>A command we know, used wrongly: <paramref name="Reason"/> says how to use it.</summary>
    public sealed record Invalid(string Name, string Reason) : BotCommand;

    public sealed record Unknown(string Name) : BotCommand;

    /// <summary>Not a command (plain chat text), or a command addressed to another bot in a group.</summary>
    public sealed record NotForUs : BotCommand;
}

public static class BotCommandParser
{
    public static readonly TimeSpan DefaultMute = TimeSpan.FromHours(24);
    public static readonly TimeSpan LongestMute = TimeSpan.FromDays(365);
    public const decimal HighestThreshold = 10_000m;

    public const string Usage =
        """
        /watch <url or id> — watch a video, playlist or channel
        /unwatch <url or id> — stop watching it
        /list — what is watched
        /stats <video> — a video's current figures
        /channel <id or @handle> — a channel's subscribers, views and videos
        /top — the biggest movers
        /mute <video> [30m|6h|2d|off] — no alerts for a video in this chat (default 24h)
        /unmute <video> — its alerts again
        /threshold [percent|off] — the smallest change this chat is told about
        /summary <HH:MM> [zone]|off — a daily summary in this chat (zone default UTC)
        /help — this list
        """;

    /// <param name="text">The message text.</param>
    /// <param name="botUsername">Our username without '@' when known: "/list@OtherBot" is for another bot.</param>
    public static BotCommand Parse(string? text, string? botUsername)
    {
        if (string.IsNullOrWhiteSpace(text) || text[0] != '/')
            return new BotCommand.NotForUs();
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var name = parts[0][1..];
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var addressee = name[(at + 1)..];
            name = name[..at];
            if (botUsername is not null && !string.Equals(addressee, botUsername, StringComparison.OrdinalIgnoreCase))
                return new BotCommand.NotForUs();
        }
        name = name.ToLowerInvariant();
        var args = parts.Skip(1).ToArray();
        return name switch
        {
            "watch" => ParseWatch(args),
            "unwatch" => ParseUnwatch(args),
            "list" => new BotCommand.List(),
            "stats" => ParseVideo(name, args, id => new BotCommand.Stats(id)),
            "top" => new BotCommand.Top(),
            "channel" => args.Length == 1 && (Channels.ChannelId.IsValid(args[0]) || Channels.ChannelId.IsHandle(args[0]))
                ? new BotCommand.Channel(args[0])
                : new BotCommand.Invalid(name, "usage: /channel <UC… channel id or @handle>"),
            "mute" => ParseMute(args),
            "unmute" => ParseVideo(name, args, id => new BotCommand.Mute(id, null)),
            "threshold" => ParseThreshold(args),
            "summary" => ParseSummary(args),
            "help" or "start" => new BotCommand.Help(),
            _ => new BotCommand.Unknown(name.Length > 32 ? name[..32] : name),
        };
    }

    private static BotCommand ParseWatch(string[] args)
    {
        if (args.Length != 1)
            return new BotCommand.Invalid("watch", "usage: /watch <video, playlist or channel URL or id>");
        return YouTubeUrlParser.TryParse(args[0], out var target, out var reason)
            ? new BotCommand.Watch(target)
            : new BotCommand.Invalid("watch", reason);
    }

    private static BotCommand ParseUnwatch(string[] args)
    {
        if (args.Length != 1)
            return new BotCommand.Invalid("unwatch", "usage: /unwatch <video, playlist or channel URL or id>");
        return YouTubeUrlParser.TryParse(args[0], out var target, out var reason)
            ? new BotCommand.Unwatch(target.Id)
            : new BotCommand.Invalid("unwatch", reason);
    }

    private static BotCommand ParseVideo(string name, string[] args, Func<string, BotCommand> command)
    {
        if (args.Length != 1)
            return new BotCommand.Invalid(name, $"usage: /{name} <video URL or id>");
        return TryParseVideo(args[0], out var id, out var reason) ? command(id) : new BotCommand.Invalid(name, reason);
    }

    private static BotCommand ParseMute(string[] args)
    {
        if (args.Length is < 1 or > 2)
            return new BotCommand.Invalid("mute", "usage: /mute <video URL or id> [30m|6h|2d|1w|off]");
        if (!TryParseVideo(args[0], out var id, out var reason))
            return new BotCommand.Invalid("mute", reason);
        if (args.Length == 1)
            return new BotCommand.Mute(id, DefaultMute);
        if (args[1].Equals("off", StringComparison.OrdinalIgnoreCase))
            return new BotCommand.Mute(id, null);
        return TryParseDuration(args[1], out var duration)
            ? new BotCommand.Mute(id, duration)
            : new BotCommand.Invalid("mute", $"a duration is a number and a unit (30m, 6h, 2d, 1w) up to {LongestMute.TotalDays:0}d, or off");
    }

    private static BotCommand ParseThreshold(string[] args)
    {
        if (args.Length == 0)
            return new BotCommand.Threshold(null, Show: true);
        if (args.Length > 1)
            return new BotCommand.Invalid("threshold", "usage: /threshold <percent> or /threshold off");
        if (args[0].Equals("off", StringComparison.OrdinalIgnoreCase) || args[0].Equals("default", StringComparison.OrdinalIgnoreCase))
            return new BotCommand.Threshold(null);
        var raw = args[0].TrimEnd('%');
        return decimal.TryParse(raw, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
               && percent > 0 && percent <= HighestThreshold
            ? new BotCommand.Threshold(percent)
            : new BotCommand.Invalid("threshold", $"a threshold is a percentage above 0 and at most {HighestThreshold:0}, e.g. /threshold 10");
    }

    private static BotCommand ParseSummary(string[] args)
    {
        if (args.Length == 1 && args[0].Equals("off", StringComparison.OrdinalIgnoreCase))
            return new BotCommand.Summary(null);
        if (args.Length is < 1 or > 2)
            return new BotCommand.Invalid("summary", "usage: /summary HH:MM [IANA zone], e.g. /summary 08:00 Europe/Berlin, or /summary off");
        return Alerts.Summary.SummarySchedule.TryParse(string.Join(' ', args), out var schedule, out var reason)
            ? new BotCommand.Summary(schedule)
            : new BotCommand.Invalid("summary", reason);
    }

    /// <summary>A video URL of any common form, or an id.</summary>
    public static bool TryParseVideo(string input, out string videoId, out string reason)
    {
        videoId = "";
        if (!YouTubeUrlParser.TryParse(input, out var target, out var why))
        {
            reason = why;
            return false;
        }
        if (target.Kind != WatchKind.Video || !VideoId.IsValid(target.Id))
        {
            reason = $"that is a {target.Kind.ToString().ToLowerInvariant()}, not a video";
            return false;
        }
        videoId = target.Id;
        reason = "";
        return true;
    }

    /// <summary>"45m", "6h", "2d", "1w": a whole number and a unit, up to <see cref="LongestMute"/>.</summary>
    public static bool TryParseDuration(string input, out TimeSpan duration)
    {
        duration = default;
        if (input.Length < 2 || !int.TryParse(input.AsSpan(0, input.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
            return false;
        duration = char.ToLowerInvariant(input[^1]) switch
        {
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            'w' => TimeSpan.FromDays(7.0 * n),
            _ => TimeSpan.Zero,
        };
        return duration > TimeSpan.Zero && duration <= LongestMute;
    }
}
