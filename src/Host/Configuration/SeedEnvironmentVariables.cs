using System.Globalization;

namespace YouTubeAnalytics.Host.Configuration;

/// <summary>
/// The seed project's environment variable names keep working: each is mapped onto its configuration key and
/// overrides appsettings.json (the standard form, e.g. YouTube__ApiKey, works as well).
/// </summary>
public static class SeedEnvironmentVariables
{
    public static IReadOnlyDictionary<string, string> Keys { get; } = new Dictionary<string, string>
    {
        ["YOUTUBE_API_KEY"] = "YouTube:ApiKey",
        ["YOUTUBE_CHANNEL_ID"] = "Watch:Channels:0",
        ["YOUTUBE_PLAYLIST_ID"] = "Watch:Playlists:0",
        ["TELEGRAM_BOT_TOKEN"] = "Telegram:BotToken",
        ["TELEGRAM_CHAT_ID"] = "Telegram:ChatId",
        ["CHANGE_THRESHOLD"] = "Alerts:ChangeThresholdPercent",
        ["FETCH_INTERVAL"] = "YouTube:PollInterval",
    };

    public static IConfigurationBuilder AddSeedEnvironmentVariables(
        this IConfigurationBuilder configuration, Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        var values = new Dictionary<string, string?>();
        foreach (var (variable, key) in Keys)
        {
            if (read(variable) is not { Length: > 0 } value)
                continue;
            // The seed gave FETCH_INTERVAL in seconds; a TimeSpan ("00:05:00") is taken as is.
            if (variable == "FETCH_INTERVAL" && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                value = TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture);
            values[key] = value;
        }
        return values.Count == 0 ? configuration : configuration.AddInMemoryCollection(values);
    }
}
