using System.Globalization;
using System.Text;
using Akka.Actor;
using Akka.Hosting;
using YouTubeAnalytics.Actors.Alerts.Summary;
using YouTubeAnalytics.Actors.Bot;
using YouTubeAnalytics.Actors.Channels;
using YouTubeAnalytics.Actors.ReadSide;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Actors.Watchlist;

namespace YouTubeAnalytics.Streams.Telegram;

/// <param name="AlertChatIds">The chats alerts go to (Telegram:ChatId): /mute and /threshold in another chat change nothing it receives.</param>
/// <param name="ChangeThresholdPercent">The node's own threshold (Alerts:ChangeThresholdPercent): no alert is raised below it.</param>
public sealed record BotCommandSettings(IReadOnlySet<long> AlertChatIds, decimal ChangeThresholdPercent, TimeSpan AskTimeout)
{
    public const int TopCount = 10;
    public const int ListLimit = 50;
}

/// <summary>
/// Carries out the bot's commands against the watchlist, the video actors and the read side, and words each answer
/// in Telegram's HTML with every YouTube string and every echo of the user's input escaped.
/// </summary>
public sealed class TelegramBotCommands(
    IRequiredActor<WatchlistActor> watchlist,
    IRequiredActor<VideoRegion> videos,
    IVideoLeaderboard? leaderboard,
    BotCommandSettings settings,
    TimeProvider time,
    IRequiredActor<ChannelRegion>? channels = null,
    ChannelDirectory? directory = null,
    IRequiredActor<DailySummaryActor>? summaries = null,
    IWatchTargetCheck? targets = null) : IBotCommandHandler
{
    private static readonly CultureInfo Numbers = CultureInfo.InvariantCulture;

    public async Task<BotOutcome> HandleAsync(BotUpdate update, BotCommand command, ChatSettings chat, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return command switch
        {
            BotCommand.Watch watch => await WatchAsync(watch.Target, cancellationToken),
            BotCommand.Unwatch unwatch => await UnwatchAsync(unwatch.Id, cancellationToken),
            BotCommand.List => await ListAsync(cancellationToken),
            BotCommand.Stats stats => await StatsAsync(stats.VideoId, chat, now, cancellationToken),
            BotCommand.Top => await TopAsync(cancellationToken),
            BotCommand.Channel channel => await ChannelAsync(channel.IdOrHandle, cancellationToken),
            BotCommand.Mute { Duration: { } duration } mute => new BotOutcome(
                $"🔕 Alerts for {Code(mute.VideoId)} are muted in this chat until {At(now + duration)}.{NoAlertsHere(update.ChatId)}",
                new BotEvents.VideoMuted(update.UpdateId, update.ChatId, mute.VideoId, now + duration, now)),
            BotCommand.Mute unmute => new BotOutcome(
                chat.IsMuted(unmute.VideoId, now)
                    ? $"🔔 Alerts for {Code(unmute.VideoId)} are on again in this chat."
                    : $"Alerts for {Code(unmute.VideoId)} were not muted in this chat.",
                new BotEvents.VideoMuted(update.UpdateId, update.ChatId, unmute.VideoId, null, now)),
            BotCommand.Threshold { Show: true } => new BotOutcome(DescribeThreshold(chat.ThresholdPercent)),
            BotCommand.Threshold threshold => new BotOutcome(
                DescribeThreshold(threshold.Percent) + NoAlertsHere(update.ChatId),
                new BotEvents.ThresholdSet(update.UpdateId, update.ChatId, threshold.Percent, now)),
            BotCommand.Summary summary => await SummaryAsync(update.ChatId, summary.Schedule, cancellationToken),
            BotCommand.Help => new BotOutcome("<b>What I understand</b>\n" + TelegramHtml.Escape(BotCommandParser.Usage)),
            BotCommand.Invalid invalid => new BotOutcome($"/{Escape(invalid.Name)}: {Escape(invalid.Reason)}"),
            BotCommand.Unknown unknown => new BotOutcome($"I do not know /{Escape(unknown.Name)}. /help lists what I understand."),
            _ => new BotOutcome("/help lists what I understand."),
        };
    }

    private async Task<BotOutcome> WatchAsync(WatchTarget target, CancellationToken cancellationToken)
    {
        if (targets is not null && await targets.CheckAsync(target, cancellationToken) is { Found: WatchTargetExistence.Kind.Missing } missing)
            return new BotOutcome($"YouTube has no such {target.Kind.ToString().ToLowerInvariant()}: {Escape(target.Id)} ({Escape(missing.Reason ?? "")}). Nothing was watched.");
        var changed = await AskWatchlist<WatchlistCommands.WatchChanged>(new WatchlistCommands.AddWatch(target), cancellationToken);
        return new BotOutcome(changed.Changed
            ? $"👀 Now watching {Describe(target)}. Its first figures are its baseline; alerts follow from there."
            : $"Already watching {Describe(target)}.");
    }

    private async Task<BotOutcome> UnwatchAsync(string id, CancellationToken cancellationToken)
    {
        var changed = await AskWatchlist<WatchlistCommands.WatchChanged>(new WatchlistCommands.RemoveWatch(id), cancellationToken);
        return new BotOutcome(changed.Changed
            ? $"Stopped watching {(changed.Target is { } t ? Describe(t) : Code(id))}."
            : $"{Code(id)} is not watched. /list shows what is.");
    }

    private async Task<BotOutcome> ListAsync(CancellationToken cancellationToken)
    {
        var reply = await AskWatchlist<WatchlistQueries.WatchlistReply>(WatchlistQueries.GetWatchlist.Instance, cancellationToken);
        if (reply.Targets.Count == 0)
            return new BotOutcome("Nothing is watched yet. /watch &lt;url or id&gt; adds a video, playlist or channel.");
        var text = new StringBuilder()
            .Append("<b>Watching</b> (").Append(reply.VideoIds.Count.ToString("N0", Numbers)).Append(" videos polled)");
        foreach (var target in reply.Targets.Take(BotCommandSettings.ListLimit))
        {
            text.Append("\n• ").Append(Describe(target));
            if (reply.HealthOf(target) is { IsFailing: true } health)
                text.Append(" ⚠️ failing: ").Append(Escape(health.Reason ?? "unknown"));
        }
        if (reply.Targets.Count > BotCommandSettings.ListLimit)
            text.Append("\n… and ").Append(reply.Targets.Count - BotCommandSettings.ListLimit).Append(" more (GET /watchlist lists them all)");
        return new BotOutcome(text.ToString());
    }

    private async Task<BotOutcome> StatsAsync(string videoId, ChatSettings chat, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var region = await videos.GetAsync(cancellationToken);
        var reply = await region.Ask<VideoQueries.VideoStatsReply>(
            new VideoQueries.GetVideoStats(videoId), settings.AskTimeout, cancellationToken);
        var state = reply.State;
        if (state.Latest is not { } latest)
            return new BotOutcome($"No figures for {Code(videoId)} yet. Is it watched? /watch {Escape(videoId)}");

        var text = new StringBuilder()
            .Append("<b><a href=\"https://youtu.be/").Append(videoId).Append("\">")
            .Append(Escape(Cut(latest.Title ?? videoId))).Append("</a></b>");
        if (latest.ChannelTitle is { } channel)
            text.Append(" — ").Append(Escape(Cut(channel)));
        text.Append("\nViews: ").Append(latest.ViewCount.ToString("N0", Numbers));
        text.Append(" · Likes: ").Append(latest.LikeCount?.ToString("N0", Numbers) ?? "hidden");
        text.Append(" · Comments: ").Append(latest.CommentCount?.ToString("N0", Numbers) ?? "off");
        text.Append("\nSampled ").Append(state.SampleCount.ToString("N0", Numbers)).Append(" times, last at ").Append(At(latest.ObservedAt));
        if (reply.Forecast is { } forecast)
            text.Append("\nNext milestone: ").Append(forecast.InWords());
        text.Append("\nAlerts: ").Append(state.AlertCount.ToString("N0", Numbers));
        if (state.LastAlertAt is { } lastAlert)
            text.Append(", the last at ").Append(At(lastAlert));
        if (chat.IsMuted(videoId, now))
            text.Append("\n🔕 Muted in this chat until ").Append(At(chat.MutedUntil[videoId]));
        return new BotOutcome(text.ToString());
    }

    private async Task<BotOutcome> ChannelAsync(string idOrHandle, CancellationToken cancellationToken)
    {
        if (channels is null)
            return new BotOutcome("Channels are not available on this node.");
        if ((directory?.Resolve(idOrHandle) ?? (idOrHandle.StartsWith('@') ? null : idOrHandle)) is not { } channelId)
            return new BotOutcome($"{Code(idOrHandle)} is not a watched channel resolved yet. /watch {Escape(idOrHandle)}, or use its UC… id.");
        var region = await channels.GetAsync(cancellationToken);
        var state = (await region.Ask<ChannelQueries.ChannelStatsReply>(
            new ChannelQueries.GetChannelStats(channelId), settings.AskTimeout, cancellationToken)).State;
        if (state.Latest is not { } latest)
            return new BotOutcome($"No figures for channel {Code(channelId)} yet. Is it watched? /watch {Escape(channelId)}");
        var text = new StringBuilder()
            .Append("<b><a href=\"https://www.youtube.com/channel/").Append(channelId).Append("\">")
            .Append(Escape(Cut(latest.Title ?? channelId))).Append("</a></b>")
            .Append("\nSubscribers: ").Append(latest.SubscriberCount?.ToString("N0", Numbers) ?? "hidden")
            .Append(" · Views: ").Append(latest.ViewCount.ToString("N0", Numbers))
            .Append(" · Videos: ").Append(latest.VideoCount.ToString("N0", Numbers))
            .Append("\nSampled ").Append(state.SampleCount.ToString("N0", Numbers)).Append(" times, last at ").Append(At(latest.ObservedAt))
            .Append("\nAlerts: ").Append(state.AlertCount.ToString("N0", Numbers));
        return new BotOutcome(text.ToString());
    }

    /// <summary>The chat's schedule, persisted by the daily summary's actor (the alerts' side) before the answer.</summary>
    private async Task<BotOutcome> SummaryAsync(long chatId, SummarySchedule? schedule, CancellationToken cancellationToken)
    {
        if (summaries is null)
            return new BotOutcome("The daily summary is not available on this node.");
        var actor = await summaries.GetAsync(cancellationToken);
        var set = await actor.Ask<DailySummaryCommands.ScheduleSet>(
            new DailySummaryCommands.SetSchedule(chatId, schedule), settings.AskTimeout, cancellationToken);
        return new BotOutcome(schedule is null || set.NextAt is not { } next
            ? "No daily summary in this chat any more."
            : $"📰 A daily summary in this chat at {Escape(schedule.ToString())}; the next at {At(next)}.");
    }

    private async Task<BotOutcome> TopAsync(CancellationToken cancellationToken)
    {
        if (leaderboard is null)
            return new BotOutcome("The leaderboard is not available on this node.");
        var window = TimeSpan.FromHours(1);
        var movers = await leaderboard.TopMoversAsync(window, BotCommandSettings.TopCount, cancellationToken);
        if (movers.All(m => m.ViewsGained == 0))
        {
            window = TimeSpan.FromDays(1);
            movers = await leaderboard.TopMoversAsync(window, BotCommandSettings.TopCount, cancellationToken);
        }
        movers = [.. movers.Where(m => m.ViewsGained > 0)];
        if (movers.Count == 0)
            return new BotOutcome("No video gained views in the last day (or none has two samples yet).");
        var text = new StringBuilder().Append("<b>Biggest movers, last ").Append(window.TotalHours >= 24 ? "day" : "hour").Append("</b>");
        for (var i = 0; i < movers.Count; i++)
        {
            var m = movers[i];
            text.Append('\n').Append(i + 1).Append(". <a href=\"https://youtu.be/").Append(m.VideoId).Append("\">")
                .Append(Escape(Cut(m.Title ?? m.VideoId))).Append("</a> +").Append(m.ViewsGained.ToString("N0", Numbers))
                .Append(" views (").Append(m.ViewCount.ToString("N0", Numbers)).Append(')');
        }
        return new BotOutcome(text.ToString());
    }

    private string DescribeThreshold(decimal? percent)
    {
        var node = settings.ChangeThresholdPercent.ToString("0.##", Numbers);
        if (percent is not { } p)
            return $"This chat gets every alert the node raises (changes of {node}% and more, milestones, new uploads).";
        var text = $"This chat gets changes of at least {p.ToString("0.##", Numbers)}%, and every milestone and new upload.";
        return p < settings.ChangeThresholdPercent
            ? text + $" The node raises alerts from {node}% (Alerts:ChangeThresholdPercent), so smaller changes still do not come."
            : text;
    }

    private string NoAlertsHere(long chatId) =>
        settings.AlertChatIds.Contains(chatId) ? "" : "\nNote: this chat is not in Telegram:ChatId, so it gets no alerts.";

    private async Task<T> AskWatchlist<T>(object message, CancellationToken cancellationToken)
    {
        var actor = await watchlist.GetAsync(cancellationToken);
        return await actor.Ask<T>(message, settings.AskTimeout, cancellationToken);
    }

    private static string Describe(WatchTarget target)
    {
        var url = target.Kind switch
        {
            WatchKind.Video => $"https://youtu.be/{target.Id}",
            WatchKind.Playlist => $"https://www.youtube.com/playlist?list={Uri.EscapeDataString(target.Id)}",
            _ when target.IsHandle => $"https://www.youtube.com/{target.Id}",
            _ => $"https://www.youtube.com/channel/{Uri.EscapeDataString(target.Id)}",
        };
        return $"{target.Kind.ToString().ToLowerInvariant()} <a href=\"{Escape(url)}\">{Escape(target.Id)}</a>";
    }

    private static string Code(string text) => $"<code>{Escape(text)}</code>";

    private static string Escape(string text) => TelegramHtml.Escape(text);

    private static string Cut(string text) => text.Length <= 120 ? text : text[..119] + "…";

    private static string At(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", Numbers);
}
