using Microsoft.Extensions.Options;
using YouTubeAnalytics.Actors.Watchlist;
using YouTubeAnalytics.Api.Service;
using YouTubeAnalytics.Host.Configuration;

namespace YouTubeAnalytics.Host.Composition;

/// <summary>
/// Says once at start what this node runs on, and which embedded default stands in for which real service, so
/// nobody mistakes simulated data for YouTube's. Secrets are reported as set or not set, never shown.
/// </summary>
public sealed partial class StartupReport(
    ServiceInfo info,
    IOptions<YouTubeOptions> youtube,
    IOptions<TelegramOptions> telegram,
    IOptions<KafkaOptions> kafka,
    IOptions<RedisOptions> redis,
    IOptions<DemoOptions> demo,
    IOptions<WatchOptions> watch,
    IOptions<ConnectionStringsOptions> connectionStrings,
    NodeTopology topology,
    IServiceProvider services,
    ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogNode(logger, info.Version, info.Mode, info.Persistence);
        if (services.GetService<DotEnvFile>() is { Path: { } envPath } dotEnv)
            LogDotEnv(logger, envPath, dotEnv.Read, dotEnv.KeptFromEnvironment);
        if (info.Source == "demo")
        {
            LogSimulated(logger, demo.Value.VideoCount, demo.Value.SampleInterval);
        }
        else if (info.Source == "youtube")
        {
            var targets = watch.Value.WatchTargets;
            LogYouTube(logger, youtube.Value.BaseUrl, targets.Count(t => t.Kind == WatchKind.Video),
                targets.Count(t => t.Kind == WatchKind.Playlist), targets.Count(t => t.Kind == WatchKind.Channel),
                youtube.Value.PollInterval, youtube.Value.DailyQuota);
        }
        if (info.AlertSink == "log")
            LogAlertsToLog(logger);
        else if (info.AlertSink == "telegram")
        {
            LogAlertsToTelegram(logger, telegram.Value.AlertChats?.Count ?? 0, telegram.Value.ApiBaseUrl);
            if (telegram.Value.Commands)
                LogBotCommands(logger, string.Join(", ", telegram.Value.CommandChats));
            else
                LogBotCommandsOff(logger);
        }
        if (kafka.Value.IsEnabled)
            LogKafka(logger, kafka.Value.RawTopic, kafka.Value.ProcessedTopic, kafka.Value.DeadLetterTopic, kafka.Value.GroupId,
                string.Join(",", topology.Roles));
        if (redis.Value.IsEnabled)
            LogRedis(logger);
        else
            LogInMemoryReadSide(logger);
        if (info.Persistence == PersistenceOptions.Sqlite)
            LogSqlite(logger, SqlitePath(connectionStrings.Value.Journal));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string SqlitePath(string connectionString) =>
        Path.GetFullPath(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource);

    [LoggerMessage(Level = LogLevel.Information, Message = "YouTube Analytics {Version}: {Mode} mode, journal on {Persistence}")]
    private static partial void LogNode(ILogger logger, string version, string mode, string persistence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Settings read from {Path}: {Count} variable(s), {Kept} of them already set in the environment, which wins")]
    private static partial void LogDotEnv(ILogger logger, string path, int count, int kept);

    [LoggerMessage(Level = LogLevel.Information, Message = "SIMULATED DATA: YouTube:ApiKey (YOUTUBE_API_KEY) is not set, so {Count} demo videos are sampled every {Interval}. Their counts are made up.")]
    private static partial void LogSimulated(ILogger logger, int count, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Polling YouTube at {BaseUrl} (key set): {Videos} videos, {Playlists} playlists, {Channels} channels watched; every {Interval} at most, within {Quota} units a day")]
    private static partial void LogYouTube(ILogger logger, string baseUrl, int videos, int playlists, int channels, TimeSpan interval, int quota);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alerts go to this log: Telegram:BotToken (TELEGRAM_BOT_TOKEN) is not set")]
    private static partial void LogAlertsToLog(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alerts go to Telegram: {ChatCount} chat(s) through {ApiBaseUrl}")]
    private static partial void LogAlertsToTelegram(ILogger logger, int chatCount, string apiBaseUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Read side on Redis (Redis:Configuration is set): latest figures and leaderboards shared by every node")]
    private static partial void LogRedis(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Read side in memory: Redis:Configuration is not set, so /videos lists the videos this node's actors updated")]
    private static partial void LogInMemoryReadSide(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "The Telegram bot takes commands (/help) from chat(s) {ChatIds} (Telegram:AllowedChatIds, default Telegram:ChatId); others are ignored")]
    private static partial void LogBotCommands(ILogger logger, string chatIds);

    [LoggerMessage(Level = LogLevel.Information, Message = "The Telegram bot reads no commands: Telegram:Commands is false")]
    private static partial void LogBotCommandsOff(ILogger logger);


    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka transport: raw {Raw}, processed {Processed}, dead letters {DeadLetter}, group {Group}; this node's roles: {Roles}")]
    private static partial void LogKafka(ILogger logger, string raw, string processed, string deadLetter, string group, string roles);

    [LoggerMessage(Level = LogLevel.Information, Message = "State is kept in the SQLite file {Path}")]
    private static partial void LogSqlite(ILogger logger, string path);
}
