using Microsoft.Extensions.Options;
using YouTubeAnalytics.Host.Configuration;

namespace YouTubeAnalytics.Host.Composition;

/// <summary>Turns a configuration mistake into one line on stderr and exit code 2, instead of a stack trace.</summary>
public static class StartupErrors
{
    public const int ConfigurationExitCode = 2;

    public static async Task<int> RunAsync(WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (Describe(ex) is { } message)
        {
            await Console.Error.WriteLineAsync($"Configuration error: {message}");
            return ConfigurationExitCode;
        }
    }

    public static string? Describe(Exception ex) => ex switch
    {
        OptionsValidationException v => string.Join("; ", v.Failures),
        ConfigurationErrorException c => c.Message,
        // Binding "abc" into a number: the message names the key ("...value at 'Alerts:ChangeThresholdPercent'...").
        InvalidOperationException { InnerException: FormatException or OverflowException } b
            when b.Message.Contains("configuration value", StringComparison.OrdinalIgnoreCase) => b.Message,
        AggregateException a when a.InnerExceptions.Count == 1 => Describe(a.InnerException!),
        _ when ex.InnerException is not null => Describe(ex.InnerException),
        _ => null,
    };
}
