using Microsoft.Extensions.Options;
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
    IConfiguration configuration,
    ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogNode(logger, info.Version, info.Mode, info.Persistence);
        if (info.Source == "demo")
        {
            LogSimulated(logger, demo.Value.VideoCount, demo.Value.SampleInterval);
            if (youtube.Value.HasApiKey)
                LogNotYet(logger, "YouTube:ApiKey", "real YouTube polling", "the demo source");
        }
        if (info.AlertSink == "log")
            LogAlertsToLog(logger);
        else if (info.AlertSink == "telegram")
        {
            TelegramOptions.TryParseChatIds(telegram.Value.ChatId, out var chats);
            LogAlertsToTelegram(logger, chats.Length, telegram.Value.ApiBaseUrl);
        }
        if (!string.IsNullOrWhiteSpace(kafka.Value.BootstrapServers))
            LogNotYet(logger, "Kafka:BootstrapServers", "the Kafka transport", "direct in-process ingestion");
        if (!string.IsNullOrWhiteSpace(redis.Value.Configuration))
            LogNotYet(logger, "Redis:Configuration", "the Redis read side", "the in-memory cache");
        if (info.Persistence == PersistenceOptions.Sqlite)
            LogSqlite(logger, SqlitePath(configuration));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string SqlitePath(IConfiguration configuration) =>
        Path.GetFullPath(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
            Persistence.JournalSetup.ConnectionString(configuration)).DataSource);

    [LoggerMessage(Level = LogLevel.Information, Message = "YouTube Analytics {Version}: {Mode} mode, journal on {Persistence}")]
    private static partial void LogNode(ILogger logger, string version, string mode, string persistence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SIMULATED DATA: YouTube:ApiKey (YOUTUBE_API_KEY) is not set, so {Count} demo videos are sampled every {Interval}. Their counts are made up.")]
    private static partial void LogSimulated(ILogger logger, int count, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alerts go to this log: Telegram:BotToken (TELEGRAM_BOT_TOKEN) is not set")]
    private static partial void LogAlertsToLog(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alerts go to Telegram: {ChatCount} chat(s) through {ApiBaseUrl}")]
    private static partial void LogAlertsToTelegram(ILogger logger, int chatCount, string apiBaseUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Key} is set, but {Feature} is not part of this build yet; using {Fallback}")]
    private static partial void LogNotYet(ILogger logger, string key, string feature, string fallback);

    [LoggerMessage(Level = LogLevel.Information, Message = "State is kept in the SQLite file {Path}")]
    private static partial void LogSqlite(ILogger logger, string path);
}
