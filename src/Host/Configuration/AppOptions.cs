using System.Globalization;
using YouTubeAnalytics.Streams.Kafka;

namespace YouTubeAnalytics.Host.Configuration;

// Options classes, one per configuration section of DESIGN.md; the validation lives in AppOptionsRegistration.

public sealed class YouTubeOptions
{
    public const string Section = "YouTube";
    public string? ApiKey { get; set; }
    public string BaseUrl { get; set; } = "https://www.googleapis.com/youtube/v3/";
    public int DailyQuota { get; set; } = 10_000;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often watched playlists and channel uploads are read again for new videos.</summary>
    public TimeSpan ExpandInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long one call may take before it counts as a timeout (retried with backoff).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where the day's spent units are kept, so a restart does not reset the count.</summary>
    public string QuotaFile { get; set; } = "data/youtube-quota.json";

    public bool HasApiKey => !string.IsNullOrWhiteSpace(ApiKey);
}

/// <summary>
/// Secrets are refused, never trimmed, when they carry whitespace (a newline copied from a file or a terminal): the
/// service would otherwise send a different secret than the one configured and fail with a 401 for ever.
/// </summary>
public static class SecretShape
{
    public static bool HasNoWhitespace(string? secret) =>
        string.IsNullOrEmpty(secret) || !secret.Any(char.IsWhiteSpace);
}

/// <summary>The initial watchlist: ids or YouTube URLs of any common form (see YouTubeUrlParser).</summary>
public sealed class WatchOptions
{
    public const string Section = "Watch";
    public string[] Videos { get; set; } = [];
    public string[] Playlists { get; set; } = [];
    public string[] Channels { get; set; } = [];

    /// <summary>Every entry parsed; the first that cannot be read is returned as an error naming its key.</summary>
    public IReadOnlyList<YouTubeAnalytics.Actors.Watchlist.WatchTarget> Targets(out string? error)
    {
        error = null;
        var targets = new List<YouTubeAnalytics.Actors.Watchlist.WatchTarget>();
        foreach (var (key, entries, kind) in new[]
                 {
                     ("Videos", Videos, YouTubeAnalytics.Actors.Watchlist.WatchKind.Video),
                     ("Playlists", Playlists, YouTubeAnalytics.Actors.Watchlist.WatchKind.Playlist),
                     ("Channels", Channels, YouTubeAnalytics.Actors.Watchlist.WatchKind.Channel),
                 })
        {
            for (var i = 0; i < entries.Length; i++)
            {
                if (!YouTubeAnalytics.Actors.Watchlist.YouTubeUrlParser.TryParse(entries[i], out var target, out var reason))
                    error ??= $"{Section}:{key}:{i}: {reason}";
                else if (target.Kind != kind)
                    error ??= $"{Section}:{key}:{i}: this is a {target.Kind.ToString().ToLowerInvariant()}, not a {kind.ToString().ToLowerInvariant()}";
                else
                    targets.Add(target);
            }
        }
        return targets;
    }
}

public sealed class AlertOptions
{
    public const string Section = "Alerts";
    public decimal ChangeThresholdPercent { get; set; } = 5m;

    /// <summary>The smallest absolute rise a percentage alert needs (small counts swing by large percentages).</summary>
    public long MinimumChange { get; set; } = 10;

    /// <summary>View milestones, comma separated; "1e6" and "1000000" are the same.</summary>
    public string Milestones { get; set; } = "1e3,1e4,1e5,1e6,1e7,1e8,1e9";

    public static bool TryParseMilestones(string? raw, out long[] milestones)
    {
        milestones = [];
        if (string.IsNullOrWhiteSpace(raw))
            return true;
        var values = new List<long>();
        foreach (var part in raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                || d < 1 || d > 1e15 || d != Math.Floor(d))
                return false;
            values.Add((long)d);
        }
        milestones = values.Distinct().Order().ToArray();
        return true;
    }
}

public sealed partial class TelegramOptions
{
    public const string Section = "Telegram";
    public string? BotToken { get; set; }

    /// <summary>One chat id or several, comma separated; a group's id is negative.</summary>
    public string? ChatId { get; set; }

    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";

    /// <summary>Whether the bot reads commands (getUpdates long polling) when a token is set.</summary>
    public bool Commands { get; set; } = true;

    /// <summary>Chats whose commands the bot carries out, comma separated; empty: the alert chats (ChatId).</summary>
    public string? AllowedChatIds { get; set; }

    /// <summary>How often a chat that refuses messages (403 blocked or kicked, 400 chat not found) is tried again.</summary>
    public TimeSpan ParkedRetry { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Users who may command the bot, comma separated; empty: every member of an allowed chat.</summary>
    public string? AllowedUserIds { get; set; }

    /// <summary>The users allowed to command the bot; empty: anyone in an allowed chat.</summary>
    public long[] EffectiveAllowedUserIds()
    {
        TryParseChatIds(AllowedUserIds, out var ids);
        return ids;
    }

    /// <summary>How long one getUpdates call waits for a message (Telegram allows up to 50 s).</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>How long one send may take before it counts as a timeout (retried; the message may arrive twice).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public bool HasBotToken => !string.IsNullOrWhiteSpace(BotToken);

    /// <summary>The chats allowed to command the bot: AllowedChatIds when set, else the alert chats.</summary>
    public long[] EffectiveAllowedChatIds()
    {
        TryParseChatIds(string.IsNullOrWhiteSpace(AllowedChatIds) ? ChatId : AllowedChatIds, out var ids);
        return ids;
    }

    /// <summary>The shape @BotFather hands out: the bot's number, a colon, a 35-character secret.</summary>
    public bool HasWellFormedToken => BotToken is not null && TokenShape().IsMatch(BotToken);

    public static bool TryParseChatIds(string? raw, out long[] chatIds)
    {
        chatIds = [];
        var ids = new List<long>();
        foreach (var part in (raw ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!long.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) || id == 0)
                return false;
            ids.Add(id);
        }
        chatIds = [.. ids.Distinct()];
        return chatIds.Length > 0;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\A[0-9]{5,}:[A-Za-z0-9_-]{30,}\z")]
    private static partial System.Text.RegularExpressions.Regex TokenShape();
}

public sealed class KafkaOptions
{
    public const string Section = "Kafka";
    public const string IngestRole = "ingest";
    public const string ProcessRole = "process";

    /// <summary>Empty: embedded mode, the poller feeds the shards directly.</summary>
    public string? BootstrapServers { get; set; }

    public string RawTopic { get; set; } = KafkaSettings.DefaultRawTopic;
    public string ProcessedTopic { get; set; } = KafkaSettings.DefaultProcessedTopic;
    public string DeadLetterTopic { get; set; } = KafkaSettings.DefaultDeadLetterTopic;
    public string GroupId { get; set; } = KafkaSettings.DefaultGroupId;
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(45);
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(3);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(BootstrapServers);

    public KafkaSettings ToSettings() => new(BootstrapServers!, RawTopic, ProcessedTopic, DeadLetterTopic, GroupId)
    {
        SessionTimeout = SessionTimeout,
        HeartbeatInterval = HeartbeatInterval,
    };
}

public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string; empty: the in-memory read side.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prepended to every key and the update channel, so several deployments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "yta:";

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Configuration);

    public static bool IsReadable(string? configuration)
    {
        try
        {
            return StackExchange.Redis.ConfigurationOptions.Parse(configuration!).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

public sealed class PersistenceOptions
{
    public const string Section = "Persistence";
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSql";
    public string Provider { get; set; } = Sqlite;
}

public sealed class ClusterNodeOptions
{
    public const string Section = "Cluster";
    public string Hostname { get; set; } = "localhost";

    /// <summary>0 picks a free port: right for a single node, which joins itself.</summary>
    public int Port { get; set; }

    public string[] SeedNodes { get; set; } = [];

    /// <summary>"ingest" (the poller into Kafka), "process" (Kafka into the shards); none means both.</summary>
    public string[] Roles { get; set; } = [];

    /// <summary>How long a member must stay unreachable before keep-majority downs it (and its shards move).</summary>
    public TimeSpan DownUnreachableAfter { get; set; } = TimeSpan.FromSeconds(20);

    public string[] EffectiveRoles => Roles.Length == 0 ? [KafkaOptions.IngestRole, KafkaOptions.ProcessRole] : Roles;
}

public sealed class ApiOptions
{
    public const string Section = "Api";
    public string Urls { get; set; } = "http://localhost:8000";
}

/// <summary>The simulated source used when no YouTube key is set.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";
    public int VideoCount { get; set; } = 36;
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>How long an idle VideoActor stays in memory, and how often it snapshots.</summary>
public sealed class VideoActorOptions
{
    public const string Section = "Videos";

    /// <summary>Idle time before a VideoActor leaves memory; raised to 3 × YouTube:PollInterval when shorter.</summary>
    public TimeSpan PassivateAfter { get; set; } = TimeSpan.FromMinutes(2);

    public int SnapshotEvery { get; set; } = 100;

    /// <summary>On passivation, a snapshot when at least this many events came since the last one (0: never).</summary>
    public int SnapshotOnPassivation { get; set; } = 1;
}
