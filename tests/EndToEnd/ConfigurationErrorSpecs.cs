namespace YouTubeAnalytics.EndToEnd.Tests;

/// <summary>A setting that cannot work stops the shipped executable at start: one line naming the key, exit code 2.</summary>
public sealed class ConfigurationErrorSpecs
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Alerts__ChangeThresholdPercent", "-1", "Alerts:ChangeThresholdPercent")]
    [InlineData("Alerts__ChangeThresholdPercent", "lots", "Alerts:ChangeThresholdPercent")]
    [InlineData("CHANGE_THRESHOLD", "0", "Alerts:ChangeThresholdPercent (CHANGE_THRESHOLD)")]
    [InlineData("Persistence__Provider", "Oracle", "Persistence:Provider")]
    [InlineData("ConnectionStrings__Journal", "Data Source=:memory:", "ConnectionStrings:Journal")]
    [InlineData("Cluster__Port", "70000", "Cluster:Port")]
    [InlineData("Api__AdminKey", "short", "Api:AdminKey")]
    public async Task Should_stop_at_start_with_one_line_naming_the_key(string variable, string value, string key)
    {
        using var host = HostProcess.Start(new Dictionary<string, string>
        {
            [variable] = value,
            ["Api__Urls"] = "http://127.0.0.1:0",
        });
        await host.WaitForExitAsync(Cancel);

        Assert.Equal(2, host.ExitCode);
        var line = Assert.Single(host.Lines, l => l.StartsWith("Configuration error:", StringComparison.Ordinal));
        Assert.Contains(key, line);
        Assert.DoesNotContain(host.Lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Lines, l => l.Contains("Unhandled exception", StringComparison.Ordinal));
    }
}
