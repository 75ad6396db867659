using Microsoft.Extensions.Options;
using YouTubeAnalytics.Api.Security;
using YouTubeAnalytics.Api.Videos;

namespace YouTubeAnalytics.Host.Configuration;

/// <summary>
/// Binds every section and validates it at start: a bad value stops the process with a message naming the key.
/// </summary>
public static class AppOptionsRegistration
{
    public static IServiceCollection AddAppOptions(this IServiceCollection services)
    {
        services.AddOptions<YouTubeOptions>().BindConfiguration(YouTubeOptions.Section)
            .Validate(o => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https",
                "YouTube:BaseUrl must be an absolute http(s) URL")
            .Validate(o => SecretShape.HasNoWhitespace(o.ApiKey),
                "YouTube:ApiKey (YOUTUBE_API_KEY) must not contain whitespace (a trailing newline?); it is refused, not trimmed")
            .Validate(o => o.DailyQuota > 0, "YouTube:DailyQuota must be a positive number of units")
            .Validate(o => o.PollInterval >= TimeSpan.FromSeconds(1), "YouTube:PollInterval must be at least 00:00:01")
            .Validate(o => o.ExpandInterval >= TimeSpan.FromSeconds(1), "YouTube:ExpandInterval must be at least 00:00:01")
            .Validate(o => o.ChannelInterval >= TimeSpan.FromSeconds(1), "YouTube:ChannelInterval must be at least 00:00:01")
            .Validate(o => o.LiveInterval >= TimeSpan.FromSeconds(1), "YouTube:LiveInterval must be at least 00:00:01")
            .Validate(o => o.RequestTimeout >= TimeSpan.FromSeconds(1), "YouTube:RequestTimeout must be at least 00:00:01")
            .Validate(o => Streams.YouTube.StatsEndpoints.TryParse(o.StatsEndpoint, out _),
                "YouTube:StatsEndpoint must be videos.list, batchGetStats or both")
            .Validate(o => o.BatchGetStatsQuota > 0, "YouTube:BatchGetStatsQuota must be a positive number of units")
            .ValidateOnStart();

        services.AddOptions<WatchOptions>().BindConfiguration(WatchOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WatchOptions>, WatchEntriesAreYouTubeIds>();

        services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section)
            .Validate(o => o.ChangeThresholdPercent > 0 && o.ChangeThresholdPercent <= 10_000,
                "Alerts:ChangeThresholdPercent (CHANGE_THRESHOLD) must be a percentage above 0 and at most 10000")
            .Validate(o => o.MinimumChange >= 0, "Alerts:MinimumChange must not be negative")
            .Validate(o => o.MilestoneValues is not null,
                "Alerts:Milestones must be a comma-separated list of positive whole numbers, e.g. 1e3,1e6")
            .Validate(o => o.Cooldown >= TimeSpan.Zero && o.Cooldown <= TimeSpan.FromDays(1),
                "Alerts:Cooldown must be from 00:00:00 (off) to 1.00:00:00")
            .Validate(o => o.Velocity.Window >= TimeSpan.FromSeconds(4) && o.Velocity.Window <= TimeSpan.FromDays(7),
                "Alerts:Velocity:Window must be from 00:00:04 to 7.00:00:00")
            .Validate(o => o.Velocity.Baseline >= o.Velocity.Window * 4 && o.Velocity.Baseline <= TimeSpan.FromDays(30),
                "Alerts:Velocity:Baseline must be at least 4 × Alerts:Velocity:Window (the rule needs three windows of history) and at most 30.00:00:00")
            .Validate(o => o.Velocity.Factor > 1 && o.Velocity.Factor <= 1_000,
                "Alerts:Velocity:Factor must be above 1 and at most 1000")
            .Validate(o => o.Velocity.MinimumViews >= 0, "Alerts:Velocity:MinimumViews must not be negative")
            .Validate(o => o.SubscriberMilestoneValues is not null,
                "Alerts:SubscriberMilestones must be a comma-separated list of positive whole numbers, e.g. 1e3,1e6")
            .ValidateOnStart();

        services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.Section)
            .Validate(o => Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https",
                "Telegram:ApiBaseUrl must be an absolute http(s) URL")
            .Validate(o => o.RequestTimeout >= TimeSpan.FromSeconds(1), "Telegram:RequestTimeout must be at least 00:00:01")
            .Validate(o => SecretShape.HasNoWhitespace(o.BotToken),
                "Telegram:BotToken (TELEGRAM_BOT_TOKEN) must not contain whitespace (a trailing newline?); it is refused, not trimmed")
            .Validate(o => !o.HasBotToken || o.HasWellFormedToken,
                "Telegram:BotToken (TELEGRAM_BOT_TOKEN) is not a bot token: expected <bot number>:<secret> as @BotFather gives it")
            .Validate(o => !o.HasBotToken || o.AlertChats is { Count: > 0 },
                "Telegram:ChatId (TELEGRAM_CHAT_ID) must list one or more numeric chat ids, comma separated, when Telegram:BotToken is set")
            .Validate(o => string.IsNullOrWhiteSpace(o.AllowedChatIds) || o.AllowedChats is { Count: > 0 },
                "Telegram:AllowedChatIds must list numeric chat ids, comma separated")
            .Validate(o => string.IsNullOrWhiteSpace(o.AllowedUserIds)
                    || (o.CommandUsers is { Count: > 0 } users && users.All(u => u > 0)),
                "Telegram:AllowedUserIds must list numeric Telegram user ids (positive), comma separated")
            .Validate(o => o.PollTimeout >= TimeSpan.FromSeconds(1) && o.PollTimeout <= TimeSpan.FromSeconds(50),
                "Telegram:PollTimeout must be between 00:00:01 and 00:00:50 (a long poll; 0 would poll Telegram without pause)")
            .Validate(o => o.ParkedRetry >= TimeSpan.FromSeconds(1),
                "Telegram:ParkedRetry must be at least 00:00:01 (how often a chat that refuses messages is tried again)")
            .Validate(o => o.CommandsPerMinute is >= 1 and <= 1000,
                "Telegram:CommandsPerMinute must be from 1 to 1000 (bot commands carried out per user and minute)")
            .Validate(o => o.DailySummaryAtReason is null, "Telegram:DailySummaryAt must be HH:MM [IANA zone], e.g. 08:00 Europe/Berlin, or empty (off)")
            .ValidateOnStart();

        services.AddOptions<KafkaOptions>().BindConfiguration(KafkaOptions.Section)
            .Validate(o => !o.IsEnabled || new[] { o.RawTopic, o.ProcessedTopic, o.DeadLetterTopic }.All(IsTopicName),
                "Kafka:RawTopic, Kafka:ProcessedTopic and Kafka:DeadLetterTopic must be topic names of [A-Za-z0-9._-]")
            .Validate(o => !o.IsEnabled || !string.IsNullOrWhiteSpace(o.GroupId), "Kafka:GroupId must not be empty")
            .Validate(o => !o.IsEnabled || o.SessionTimeout >= TimeSpan.FromSeconds(1),
                "Kafka:SessionTimeout must be at least 00:00:01")
            .Validate(o => !o.IsEnabled || (o.HeartbeatInterval > TimeSpan.Zero && o.HeartbeatInterval < o.SessionTimeout),
                "Kafka:HeartbeatInterval must be above zero and below Kafka:SessionTimeout")
            .ValidateOnStart();
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section)
            .Validate(o => !o.IsEnabled || RedisOptions.IsReadable(o.Configuration),
                "Redis:Configuration must be a StackExchange.Redis configuration string, e.g. localhost:6379 or redis:6379,password=…")
            .Validate(o => !string.IsNullOrWhiteSpace(o.KeyPrefix) && o.KeyPrefix.Length <= 64, "Redis:KeyPrefix must be 1 to 64 characters")
            .ValidateOnStart();

        services.AddOptions<HistoryOptions>().BindConfiguration(HistoryOptions.Section)
            .Validate(o => o.Retention >= TimeSpan.FromHours(1) && o.Retention <= TimeSpan.FromDays(3650),
                "History:Retention must be from 01:00:00 to 3650.00:00:00 (YouTube's terms: 30.00:00:00 for videos you do not own)")
            .Validate(o => o.MaxConcurrentReads is >= 1 and <= 1024, "History:MaxConcurrentReads must be from 1 to 1024")
            .Validate(o => o.ClockTolerance >= TimeSpan.FromSeconds(1) && o.ClockTolerance <= TimeSpan.FromDays(1),
                "History:ClockTolerance must be from 00:00:01 to 1.00:00:00")
            .Validate(o => o.SweepInterval >= TimeSpan.FromMinutes(1) && o.SweepInterval <= TimeSpan.FromDays(7),
                "History:SweepInterval must be from 00:01:00 to 7.00:00:00 (the retention sweep of videos no longer watched)")
            .ValidateOnStart();

        services.AddOptions<PersistenceOptions>().BindConfiguration(PersistenceOptions.Section)
            .Validate(o => o.Provider is PersistenceOptions.Sqlite or PersistenceOptions.PostgreSql,
                "Persistence:Provider must be Sqlite or PostgreSql")
            .ValidateOnStart();

        services.AddOptions<ClusterNodeOptions>().BindConfiguration(ClusterNodeOptions.Section)
            .Validate(o => o.Port is >= 0 and <= 65535, "Cluster:Port must be from 0 to 65535")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Hostname), "Cluster:Hostname must not be empty")
            .Validate(o => o.SeedNodes.All(s => s.StartsWith("akka.tcp://", StringComparison.Ordinal)),
                "Cluster:SeedNodes must be addresses like akka.tcp://youtube-analytics@host:4053")
            .Validate(o => o.DownUnreachableAfter >= TimeSpan.FromSeconds(1), "Cluster:DownUnreachableAfter must be at least 00:00:01")
            .Validate(o => o.NodeRoles is not null,
                "Cluster:Roles may hold only ingest and process (none: both)")
            .ValidateOnStart();

        services.AddOptions<ConnectionStringsOptions>().BindConfiguration(ConnectionStringsOptions.Section);
        services.AddOptions<StatusLineOptions>().BindConfiguration(StatusLineOptions.Section)
            .Validate(o => o.Interval is not null, StatusLineOptions.IntervalError)
            .ValidateOnStart();

        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section);
        services.AddOptions<YouTubeAnalytics.Api.Live.EventStreamOptions>().BindConfiguration(ApiOptions.Section)
            .Validate(o => o.MaxEventStreams is >= 1 and <= 100_000, "Api:MaxEventStreams must be from 1 to 100000")
            .Validate(o => o.EventBuffer is >= 1 and <= 100_000, "Api:EventBuffer must be from 1 to 100000")
            .ValidateOnStart();
        services.AddOptions<AdminKeyOptions>().BindConfiguration(ApiOptions.Section)
            .Validate(o => SecretShape.HasNoWhitespace(o.AdminKey),
                "Api:AdminKey must not contain whitespace (a trailing newline?); it is refused, not trimmed")
            .Validate(o => string.IsNullOrEmpty(o.AdminKey) || o.AdminKey.Length >= 16,
                "Api:AdminKey must be at least 16 characters (or empty to refuse every change)")
            .ValidateOnStart();

        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section)
            .Validate(o => o.VideoCount is >= 1 and <= 100_000, "Demo:VideoCount must be from 1 to 100000")
            .Validate(o => o.SampleInterval >= TimeSpan.FromMilliseconds(50), "Demo:SampleInterval must be at least 00:00:00.05")
            .ValidateOnStart();

        services.AddOptions<VideoActorOptions>().BindConfiguration(VideoActorOptions.Section)
            .Validate(o => o.SnapshotEvery >= 1, "Videos:SnapshotEvery must be at least 1")
            .Validate(o => o.SnapshotOnPassivation >= 0, "Videos:SnapshotOnPassivation must be 0 (off) or more")
            .Validate(o => o.PassivateAfter >= TimeSpan.FromSeconds(1), "Videos:PassivateAfter must be at least 00:00:01")
            .ValidateOnStart();

        return services;
    }

    /// <summary>Names the first watch entry that is not an id or URL of its kind, e.g. "Watch:Channels:0: …".</summary>
    private sealed class WatchEntriesAreYouTubeIds : IValidateOptions<WatchOptions>
    {
        public ValidateOptionsResult Validate(string? name, WatchOptions options) =>
            options.Error is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(options.Error);
    }

    private static bool IsTopicName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 249 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    public static T Get<T>(this IServiceProvider services) where T : class => services.GetRequiredService<IOptions<T>>().Value;
}
