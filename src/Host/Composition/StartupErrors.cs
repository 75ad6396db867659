using Microsoft.Extensions.Options;
using YouTubeAnalytics.Host.Configuration;

namespace YouTubeAnalytics.Host.Composition;

/// <summary>Turns a configuration mistake into one line on stderr and exit code 2, instead of a stack trace.</summary>
public static class StartupErrors
{
    public const int ConfigurationExitCode = 2;

    /// <summary>Runs the host; options are validated (and the actor system configured) anywhere from build to start.</summary>
    public static async Task<int> RunAsync(Func<Task> host)
    {
        try
        {
            await host();
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
        // Binding "abc" into a number: the message names the key ("...value 'abc' at 'Alerts:ChangeThresholdPercent'...").
        InvalidOperationException b when b.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => b.Message,
        AggregateException a when a.InnerExceptions.Count == 1 => Describe(a.InnerException!),
        _ when ex.InnerException is not null => Describe(ex.InnerException),
        _ => null,
    };
}
