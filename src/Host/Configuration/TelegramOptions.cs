using System.Globalization;

namespace YouTubeAnalytics.Host.Configuration;

/// <summary>
/// The Telegram section. The id lists are parsed when bound (each setter), so the rest of the host is handed
/// <see cref="AlertChats"/>, <see cref="CommandChats"/> and <see cref="CommandUsers"/> as numbers; an unreadable list
/// is null there and refused at start naming its key.
/// </summary>
public sealed partial class TelegramOptions
{
    public const string Section = "Telegram";
    private string? _chatId;
    private string? _allowedChatIds;
    private string? _allowedUserIds;
    private string? _dailySummaryAt;

    public string? BotToken { get; set; }

    /// <summary>One chat id or several, comma separated; a group's id is negative.</summary>
    public string? ChatId
    {
        get => _chatId;
        set
        {
            _chatId = value;
            AlertChats = ParseIds(value);
        }
    }

    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";

    /// <summary>Whether the bot reads commands (getUpdates long polling) when a token is set.</summary>
    public bool Commands { get; set; } = true;

    /// <summary>Chats whose commands the bot carries out, comma separated; empty: the alert chats (ChatId).</summary>
    public string? AllowedChatIds
    {
        get => _allowedChatIds;
        set
        {
            _allowedChatIds = value;
            AllowedChats = ParseIds(value);
        }
    }

    /// <summary>How often a chat that refuses messages (403 blocked or kicked, 400 chat not found) is tried again.</summary>
    public TimeSpan ParkedRetry { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Users who may command the bot, comma separated; empty: every member of an allowed chat.</summary>
    public string? AllowedUserIds
    {
        get => _allowedUserIds;
        set
        {
            _allowedUserIds = value;
            CommandUsers = ParseIds(value);
        }
    }

    /// <summary>Bot commands carried out per user and minute; the first one over gets one "slow down" answer, the rest none.</summary>
    public int CommandsPerMinute { get; set; } = 20;

    /// <summary>How long one getUpdates call waits for a message (Telegram allows up to 50 s).</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>How long one send may take before it counts as a timeout (retried; the message may arrive twice).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>`HH:MM [IANA zone]`: the daily summary for the alert chats (<see cref="ChatId"/>); empty: off (a chat may still set its own with /summary).</summary>
    public string? DailySummaryAt
    {
        get => _dailySummaryAt;
        set
        {
            _dailySummaryAt = value;
            DailySummaryAtReason = null;
            DailySummary = null;
            if (string.IsNullOrWhiteSpace(value))
                return;
            if (Actors.Alerts.Summary.SummarySchedule.TryParse(value, out var schedule, out var reason))
                DailySummary = schedule;
            else
                DailySummaryAtReason = reason;
        }
    }

    /// <summary><see cref="DailySummaryAt"/> parsed; null when off or unreadable (then <see cref="DailySummaryAtReason"/> says why).</summary>
    public Actors.Alerts.Summary.SummarySchedule? DailySummary { get; private set; }

    /// <summary>Why <see cref="DailySummaryAt"/> is unreadable; null when it is readable or empty.</summary>
    public string? DailySummaryAtReason { get; private set; }

    /// <summary>The chats alerts go to (<see cref="ChatId"/>); null when unreadable.</summary>
    public IReadOnlyList<long>? AlertChats { get; private set; } = [];

    /// <summary><see cref="AllowedChatIds"/> as numbers; null when unreadable.</summary>
    public IReadOnlyList<long>? AllowedChats { get; private set; } = [];

    /// <summary>The users allowed to command the bot (<see cref="AllowedUserIds"/>); empty: anyone in an allowed chat; null when unreadable.</summary>
    public IReadOnlyList<long>? CommandUsers { get; private set; } = [];

    /// <summary>The chats allowed to command the bot: AllowedChatIds when set, else the alert chats.</summary>
    public IReadOnlyList<long> CommandChats =>
        (string.IsNullOrWhiteSpace(AllowedChatIds) ? AlertChats : AllowedChats) ?? [];

    public bool HasBotToken => !string.IsNullOrWhiteSpace(BotToken);

    /// <summary>The users allowed to command the bot; empty: anyone in an allowed chat.</summary>
    public long[] EffectiveAllowedUserIds() => [.. CommandUsers ?? []];

    /// <summary>The chats allowed to command the bot: AllowedChatIds when set, else the alert chats.</summary>
    public long[] EffectiveAllowedChatIds() => [.. CommandChats];

    /// <summary>The shape @BotFather hands out: the bot's number, a colon, a 35-character secret.</summary>
    public bool HasWellFormedToken => BotToken is not null && TokenShape().IsMatch(BotToken);

    /// <summary>One or more ids, comma separated (duplicates dropped); false when empty or one is not a non-zero number.</summary>
    public static bool TryParseChatIds(string? raw, out long[] chatIds)
    {
        chatIds = ParseIds(raw) ?? [];
        return chatIds.Length > 0;
    }

    /// <summary>The ids of a comma-separated list, duplicates dropped; empty for a blank list; null when one is not a non-zero number.</summary>
    private static long[]? ParseIds(string? raw)
    {
        var ids = new List<long>();
        foreach (var part in (raw ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!long.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) || id == 0)
                return null;
            ids.Add(id);
        }
        return [.. ids.Distinct()];
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\A[0-9]{5,}:[A-Za-z0-9_-]{30,}\z")]
    private static partial System.Text.RegularExpressions.Regex TokenShape();
}
