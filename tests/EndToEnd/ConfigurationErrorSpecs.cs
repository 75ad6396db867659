using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.EndToEnd.Tests;

/// <summary>
/// A setting that cannot work stops the shipped executable at start: one line naming the key, exit code 2, no stack
/// trace, and never the value of a secret it was given. Each case is a figure row of the fault and bad-input suite.
/// </summary>
public sealed class ConfigurationErrorSpecs
{
    private const string FakePassword = "FAKE-reliability-password";
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Alerts__ChangeThresholdPercent", "-1", "Alerts:ChangeThresholdPercent")]
    [InlineData("Alerts__ChangeThresholdPercent", "lots", "Alerts:ChangeThresholdPercent")]
    [InlineData("CHANGE_THRESHOLD", "0", "Alerts:ChangeThresholdPercent (CHANGE_THRESHOLD)")]
    [InlineData("Alerts__MinimumChange", "-10", "Alerts:MinimumChange")]
    [InlineData("Alerts__Cooldown", "-00:01:00", "Alerts:Cooldown")]
    [InlineData("Alerts__Velocity__Window", "soon", "Alerts:Velocity:Window")]
    [InlineData("Alerts__Velocity__Baseline", "02:00:00", "Alerts:Velocity:Baseline")]
    [InlineData("Alerts__Velocity__Factor", "1", "Alerts:Velocity:Factor")]
    [InlineData("Alerts__Velocity__MinimumViews", "-5", "Alerts:Velocity:MinimumViews")]
    [InlineData("Persistence__Provider", "Oracle", "Persistence:Provider")]
    [InlineData("ConnectionStrings__Journal", "Data Source=:memory:", "ConnectionStrings:Journal")]
    [InlineData("ConnectionStrings__Journal", "Host=127.0.0.1;Port=not-a-port;Password=" + FakePassword, "ConnectionStrings:Journal", "PostgreSql")]
    [InlineData("ConnectionStrings__Journal", "this is not a connection string;Password=" + FakePassword, "ConnectionStrings:Journal", "PostgreSql")]
    [InlineData("Cluster__Port", "70000", "Cluster:Port")]
    [InlineData("Api__AdminKey", "short", "Api:AdminKey")]
    [InlineData("Telegram__BotToken", "FAKE-reliability-not-a-bot-token", "Telegram:BotToken")]
    [InlineData("TELEGRAM_BOT_TOKEN", "12345:FAKE-reliability-too-short", "Telegram:BotToken")]
    [InlineData("YouTube__BaseUrl", "not a url", "YouTube:BaseUrl")]
    [InlineData("Watch__Videos__0", "https://vimeo.com/123456789", "Watch:Videos:0")]
    [InlineData("Logging__StatusInterval", "often", "Logging:StatusInterval")]
    public async Task Should_stop_at_start_with_one_line_naming_the_key(string variable, string value, string key, string? provider = null)
    {
        var environment = new Dictionary<string, string>
        {
            [variable] = value,
            ["Api__Urls"] = "http://127.0.0.1:0",
        };
        if (provider is not null)
            environment["Persistence__Provider"] = provider;
        using var host = HostProcess.Start(environment);
        await host.WaitForExitAsync(Cancel);

        var errorLines = host.Lines.Count(l => l.StartsWith("Configuration error:", StringComparison.Ordinal));
        var named = host.Lines.Any(l => l.StartsWith("Configuration error:", StringComparison.Ordinal) && l.Contains(key, StringComparison.Ordinal));
        var traces = host.Lines.Count(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) || l.Contains("Unhandled exception", StringComparison.Ordinal));
        var secretShown = host.Lines.Count(l => l.Contains(FakePassword, StringComparison.Ordinal) || l.Contains("FAKE-reliability", StringComparison.Ordinal));
        var right = host.ExitCode == 2 && errorLines == 1 && named && traces == 0 && secretShown == 0;
        ReliabilityFigures.Record("configuration mistakes", $"{key} = {value.Replace(FakePassword, "***", StringComparison.Ordinal).Replace("FAKE-reliability", "***", StringComparison.Ordinal)}",
            1, right ? 1 : 0, right ? 0 : 1, Math.Max(0, errorLines - 1));

        Assert.Equal(2, host.ExitCode);
        var line = Assert.Single(host.Lines, l => l.StartsWith("Configuration error:", StringComparison.Ordinal));
        Assert.Contains(key, line);
        Assert.Equal(0, traces);
        Assert.Equal(0, secretShown);
    }
}
