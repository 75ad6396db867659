namespace YouTubeAnalytics.Reliability.Tests.HostileInput;

/// <summary>
/// Recognisable fake secrets of the right shapes, built at run time so that no string shaped like a real token is
/// committed: a YouTube key (AIza + 35), a bot token (digits:35) and an admin key, each carrying the marker
/// "FAKE" and "reliability" so a leak is obvious in any output.
/// </summary>
public static class FakeSecrets
{
    private static readonly string Run = Guid.NewGuid().ToString("N")[..8];

    public static string YouTubeKey { get; } = "AI" + "za" + ("FAKE-reliability-" + Run).PadRight(35, 'x');

    public static string BotToken { get; } = new string('9', 10) + ":" + ("FAKE_reliability_" + Run).PadRight(35, 'X');

    /// <summary>The part of the bot token after the colon: the secret itself.</summary>
    public static string BotSecret => BotToken[(BotToken.IndexOf(':') + 1)..];

    public static string AdminKey { get; } = "FAKE-reliability-admin-" + Run;

    /// <summary>Each secret by name, and the marker they share (a part of one leaking counts too).</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        ["YouTube:ApiKey"] = YouTubeKey,
        ["Telegram:BotToken"] = BotSecret,
        ["Api:AdminKey"] = AdminKey,
        ["marker"] = "FAKE-reliability-" + Run,
        ["token marker"] = "FAKE_reliability_" + Run,
    };

    /// <summary>How many times any secret occurs in the texts.</summary>
    public static IReadOnlyList<(string Secret, string Where)> Leaks(IEnumerable<(string Where, string Text)> texts) =>
        [.. from t in texts from s in All where t.Text.Contains(s.Value, StringComparison.Ordinal) select (s.Key, t.Where)];
}
