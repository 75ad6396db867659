namespace YouTubeAnalytics.Actors.Alerts;

/// <summary>
/// Which alerts a chat wants (its /mute and /threshold); read by a sink for each chat before it builds a message.
/// The sink is given this seam, not the bot's registry, so where the preferences live is a deployment choice.
/// </summary>
public interface IAlertPreferences
{
    /// <summary>Completes once the preferences are loaded (the bot recovered), so a restart does not leak a muted alert.</summary>
    Task WhenLoaded { get; }

    bool Wants(long chatId, Alert alert, DateTimeOffset now);
}
