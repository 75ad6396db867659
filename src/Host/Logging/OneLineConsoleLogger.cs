using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace YouTubeAnalytics.Host.Logging;

/// <summary>
/// The console log: one line per entry (UTC time, level, the category's last name, the message), written to standard
/// output before the call returns. Microsoft's console logger queues entries for a background thread, and a SIGKILL
/// loses what is still queued: here that would be the log sink's alert lines, whose delivery the notifier records
/// as soon as the sink returns, and the last lines before a crash. Akka's own prefix ("[INFO][date][Thread 0001]") is
/// dropped, its actor path kept; line breaks in a message become " | ".
/// </summary>
[ProviderAlias("Console")]
public sealed partial class OneLineConsoleLoggerProvider(TextWriter output, TimeProvider time) : ILoggerProvider
{
    private readonly Lock _writing = new();

    public ILogger CreateLogger(string categoryName) => new OneLineConsoleLogger(this, ShortCategory(categoryName), categoryName.StartsWith("Akka", StringComparison.Ordinal));

    private DateTimeOffset Now => time.GetUtcNow();

    public void Dispose() => output.Flush();

    private void Write(string line)
    {
        lock (_writing)
        {
            output.Write(line);
            output.Flush();
        }
    }

    private static string ShortCategory(string category)
    {
        var dot = category.LastIndexOf('.');
        return dot < 0 || category.StartsWith("Microsoft.Hosting", StringComparison.Ordinal) ? category : category[(dot + 1)..];
    }

    /// <summary>One entry as its console line, new line included.</summary>
    private static string Line(DateTimeOffset at, LogLevel level, string shortCategory, bool akka, string message, Exception? exception)
    {
        if (akka)
            message = AkkaPrefix().Replace(message, "");
        if (exception is not null)
            message = $"{message} ({exception.GetType().Name})";
        return new StringBuilder(message.Length + 64)
            .Append(at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
            .Append(' ').Append(Level(level)).Append(' ')
            .Append(shortCategory).Append(": ")
            .Append(message.ReplaceLineEndings(" | "))
            .Append(Environment.NewLine)
            .ToString();
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "FAIL",
        LogLevel.Critical => "CRIT",
        _ => "    ",
    };

    private sealed class OneLineConsoleLogger(OneLineConsoleLoggerProvider provider, string shortCategory, bool akka) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        // The logging filters (Logging:LogLevel) decide before an entry reaches this logger.
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            var message = formatter(state, exception);
            if (string.IsNullOrEmpty(message) && exception is null)
                return;
            provider.Write(Line(provider.Now, logLevel, shortCategory, akka, message, exception));
        }
    }

    [GeneratedRegex(@"^\[(DEBUG|INFO|WARNING|ERROR)\]\[[^\]]*\]\[Thread \d+\]")]
    private static partial Regex AkkaPrefix();
}
