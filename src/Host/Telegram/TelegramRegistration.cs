using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Telegram.Bot;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Bot;
using YouTubeAnalytics.Actors.ReadSide;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Actors.Watchlist;
using YouTubeAnalytics.Host.Configuration;
using YouTubeAnalytics.Streams.Alerts;
using YouTubeAnalytics.Streams.Telegram;

namespace YouTubeAnalytics.Host.Telegram;

/// <summary>
/// With Telegram:BotToken set, alerts go to Telegram and (unless Telegram:Commands is false) the bot answers commands
/// from Telegram:AllowedChatIds; alerts and answers share one throttle. Without a token alerts go to the log.
/// </summary>
public static class TelegramRegistration
{
    public static IServiceCollection AddTelegram(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new TelegramThrottle(TelegramLimits.Default, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new TelegramSender(
            Client(sp.Get<TelegramOptions>(), sp.Get<TelegramOptions>().RequestTimeout), sp.GetRequiredService<TelegramThrottle>(), TelegramRetrySettings.Default,
            sp.GetRequiredService<ILogger<TelegramSender>>(), sp.GetRequiredService<TimeProvider>()));
        // The preferences' placement: in process, the bot publishing and the sink reading (see ChatPreferencesRegistry).
        services.TryAddSingleton<ChatPreferencesRegistry>();
        services.TryAddSingleton<IChatPreferencesPublisher>(sp => sp.GetRequiredService<ChatPreferencesRegistry>());
        services.TryAddSingleton<IAlertPreferences>(sp => sp.GetRequiredService<ChatPreferencesRegistry>());
        services.TryAddSingleton(sp =>
        {
            var telegram = sp.Get<TelegramOptions>();
            return TelegramBotSettings.For(telegram.CommandChats, telegram.CommandUsers) with { CommandsPerMinute = telegram.CommandsPerMinute };
        });
        services.TryAddSingleton<IBotChannel>(sp =>
        {
            var telegram = sp.Get<TelegramOptions>();
            var timeout = telegram.PollTimeout + telegram.RequestTimeout;
            return new TelegramBotChannel(
                Client(telegram, timeout), sp.GetRequiredService<TelegramSender>(), telegram.PollTimeout, new HttpClient { Timeout = timeout },
                telegram.ApiBaseUrl, telegram.BotToken!, sp.GetRequiredService<ILogger<TelegramBotChannel>>());
        });
        services.TryAddSingleton<IBotCommandHandler>(sp =>
        {
            var telegram = sp.Get<TelegramOptions>();
            return new TelegramBotCommands(
                sp.GetRequiredService<IRequiredActor<WatchlistActor>>(),
                sp.GetRequiredService<IRequiredActor<VideoRegion>>(),
                sp.GetService<IVideoLeaderboard>(),
                new BotCommandSettings(telegram.AlertChats!.ToHashSet(), sp.Get<AlertOptions>().ChangeThresholdPercent, TimeSpan.FromSeconds(10)),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<IRequiredActor<YouTubeAnalytics.Actors.Channels.ChannelRegion>>(),
                sp.GetRequiredService<YouTubeAnalytics.Actors.Channels.ChannelDirectory>(),
                sp.GetRequiredService<IRequiredActor<YouTubeAnalytics.Actors.Alerts.Summary.DailySummaryActor>>(),
                sp.GetRequiredService<IWatchTargetCheck>());
        });
        services.TryAddSingleton(CreateAlertSink);
        return services;
    }

    /// <summary>Telegram when a bot token is set, the log otherwise.</summary>
    private static IAlertSink CreateAlertSink(IServiceProvider sp)
    {
        var telegram = sp.Get<TelegramOptions>();
        if (!telegram.HasBotToken)
            return ActivatorUtilities.CreateInstance<LogAlertSink>(sp);
        return new TelegramAlertSink(
            sp.GetRequiredService<TelegramSender>(),
            new TelegramDeliverySettings(
                [.. telegram.AlertChats!], ParkedRetry: telegram.ParkedRetry, Retention: sp.Get<YouTubeAnalytics.Api.Videos.HistoryOptions>().Retention),
            telegram.Commands ? sp.GetRequiredService<IAlertPreferences>() : null,
            sp.GetRequiredService<ILogger<TelegramAlertSink>>(),
            sp.GetRequiredService<TimeProvider>());
    }

    /// <summary>RetryThreshold 0: the client never waits out a 429 itself, so the throttle sees every one and owns the pause.</summary>
    private static TelegramBotClient Client(TelegramOptions telegram, TimeSpan timeout) =>
        new(new TelegramBotClientOptions(telegram.BotToken!, telegram.ApiBaseUrl) { RetryCount = 1, RetryThreshold = 0 },
            new HttpClient { Timeout = timeout });
}
