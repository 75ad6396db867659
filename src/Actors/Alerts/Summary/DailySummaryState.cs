using System.Collections.Immutable;
using YouTubeAnalytics.Actors.Serialization;

namespace YouTubeAnalytics.Actors.Alerts.Summary;

public interface IDailySummaryEvent : IProtocolMessage
{
    long ChatId { get; }
}

public static class DailySummaryEvents
{
    /// <summary>A chat's schedule from <paramref name="At"/> on (null: off); <paramref name="ByChat"/> when the chat set it with /summary.</summary>
    public sealed record Scheduled(long ChatId, SummarySchedule? Schedule, bool ByChat, DateTimeOffset At) : IDailySummaryEvent;

    /// <summary>The summary of local <paramref name="Day"/> went out to the chat (recorded after the send).</summary>
    public sealed record Sent(long ChatId, DateOnly Day, DateTimeOffset At) : IDailySummaryEvent;
}

/// <summary>One chat's schedule, since when it holds, and the last local day whose summary it got.</summary>
public sealed record ChatSummarySchedule(SummarySchedule? Schedule, bool ByChat, DateTimeOffset Since, DateOnly? LastSentDay);

/// <summary>A summary to send now: the chat and the local day it covers (the 24 h before <paramref name="Occurrence"/>).</summary>
public sealed record DueSummary(long ChatId, DateOnly Day, DateTimeOffset Occurrence);

/// <summary>
/// The daily summaries' durable decisions, pure (fold the events, ask what is due). A day is sent at most once per
/// chat: the last day sent is part of the state, so a state rebuilt from its events after a restart finds nothing due
/// for a day already sent. Days missed while the node was down give one summary, the latest day's, when it is back.
/// A schedule counts only from when it was set: setting 08:00 at 10:00 sends the next day, not at once.
/// </summary>
public sealed record DailySummaryState(ImmutableDictionary<long, ChatSummarySchedule> Chats)
{
    public static DailySummaryState Empty { get; } = new(ImmutableDictionary<long, ChatSummarySchedule>.Empty);

    public DailySummaryState Apply(IDailySummaryEvent e) => e switch
    {
        DailySummaryEvents.Scheduled s => new(Chats.SetItem(s.ChatId, new ChatSummarySchedule(
            s.Schedule, s.ByChat, s.At, Chats.GetValueOrDefault(s.ChatId)?.LastSentDay))),
        DailySummaryEvents.Sent s when Chats.TryGetValue(s.ChatId, out var chat) => new(Chats.SetItem(s.ChatId,
            chat with { LastSentDay = chat.LastSentDay is { } last && last > s.Day ? last : s.Day })),
        _ => this,
    };

    /// <summary>
    /// What <c>Telegram:DailySummaryAt</c> needs recorded for the configured chats: their schedule when it changed,
    /// unless the chat chose its own with /summary (the chat's choice wins over the configuration).
    /// </summary>
    public IReadOnlyList<DailySummaryEvents.Scheduled> Configure(IEnumerable<long> chatIds, SummarySchedule? configured, DateTimeOffset now) =>
    [
        .. chatIds.Distinct()
            .Where(id => Chats.GetValueOrDefault(id) is not { } chat ? configured is not null : !chat.ByChat && chat.Schedule != configured)
            .Select(id => new DailySummaryEvents.Scheduled(id, configured, false, now)),
    ];

    /// <summary>The summaries due at <paramref name="now"/>: one per chat at most, the latest day not sent yet.</summary>
    public IReadOnlyList<DueSummary> Due(DateTimeOffset now)
    {
        var due = new List<DueSummary>();
        foreach (var (chatId, chat) in Chats.OrderBy(c => c.Key))
        {
            if (chat.Schedule is not { } schedule)
                continue;
            var day = schedule.LastDayAtOrBefore(now);
            var at = schedule.OccurrenceOn(day);
            if (at >= chat.Since && (chat.LastSentDay is not { } last || last < day))
                due.Add(new DueSummary(chatId, day, at));
        }
        return due;
    }

    /// <summary>When the next summary falls due after <paramref name="now"/>; null when no chat has a schedule.</summary>
    public DateTimeOffset? NextDueAfter(DateTimeOffset now) =>
        Chats.Values.Select(c => c.Schedule).OfType<SummarySchedule>()
            .Select(s => s.OccurrenceOn(s.LastDayAtOrBefore(now).AddDays(1)))
            .Order().Cast<DateTimeOffset?>().FirstOrDefault();
}
