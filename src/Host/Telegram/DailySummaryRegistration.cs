using Microsoft.Extensions.DependencyInjection.Extensions;
using YouTubeAnalytics.Actors.Alerts.Summary;
using YouTubeAnalytics.Actors.Resilience;
using YouTubeAnalytics.Host.Configuration;
using YouTubeAnalytics.Streams.Alerts;
using YouTubeAnalytics.Streams.Telegram;

namespace YouTubeAnalytics.Host.Telegram;

/// <summary>
/// The daily summary's seams: its figures (<see cref="ReadSideDailyFigures"/>), its sink (Telegram through the alerts'
/// <see cref="TelegramSender"/> when a bot token is set, the log otherwise) and its settings (Telegram:DailySummaryAt for
/// the alert chats of Telegram:ChatId; without a bot token and without chats, one summary for the log, chat 0).
/// </summary>
public static class DailySummaryRegistration
{
    /// <summary>The chat id the log sink's summary is kept under when no chat is configured (0 is no Telegram chat).</summary>
    public const long LogChat = 0;

    private static readonly BackoffPolicy RetryBackoff = new(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10));

    public static IServiceCollection AddDailySummary(this IServiceCollection services)
    {
        services.TryAddSingleton<IDailyFiguresSource, ReadSideDailyFigures>();
        services.TryAddSingleton<IDailySummarySink>(sp => sp.Get<TelegramOptions>().HasBotToken
            ? new TelegramSummarySink(sp.GetRequiredService<TelegramSender>(), sp.GetRequiredService<IDailyFiguresSource>())
            : ActivatorUtilities.CreateInstance<LogSummarySink>(sp));
        services.TryAddSingleton(sp => Settings(sp.Get<TelegramOptions>()));
        return services;
    }

    public static DailySummarySettings Settings(TelegramOptions telegram) => new(
        telegram.HasBotToken || telegram.AlertChats is { Count: > 0 } ? [.. telegram.AlertChats ?? []] : [LogChat],
        telegram.DailySummary,
        RetryBackoff);
}
