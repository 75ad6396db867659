namespace YouTubeAnalytics.Host.Logging;

/// <summary>
/// The console log a person reads: one line per entry with a UTC timestamp, Akka at Warning unless
/// Logging:LogLevel:Akka says otherwise (the same key sets Akka's own log level, so nothing is formatted to be dropped).
/// </summary>
public static class ReadableLogging
{
    public const string AkkaLevelKey = "Logging:LogLevel:Akka";

    public static WebApplicationBuilder AddReadableLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new OneLineConsoleLoggerProvider(Console.Out, TimeProvider.System));
        return builder;
    }

    /// <summary>Akka's own level, from the Microsoft.Extensions.Logging level configured for the "Akka" category.</summary>
    public static Akka.Event.LogLevel AkkaLevel(IConfiguration configuration) =>
        Enum.TryParse<Microsoft.Extensions.Logging.LogLevel>(configuration[AkkaLevelKey], ignoreCase: true, out var level)
            ? level switch
            {
                Microsoft.Extensions.Logging.LogLevel.Trace or Microsoft.Extensions.Logging.LogLevel.Debug => Akka.Event.LogLevel.DebugLevel,
                Microsoft.Extensions.Logging.LogLevel.Information => Akka.Event.LogLevel.InfoLevel,
                Microsoft.Extensions.Logging.LogLevel.Warning => Akka.Event.LogLevel.WarningLevel,
                _ => Akka.Event.LogLevel.ErrorLevel,
            }
            : Akka.Event.LogLevel.WarningLevel;
}
