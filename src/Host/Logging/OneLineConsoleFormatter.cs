using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace YouTubeAnalytics.Host.Logging;

/// <summary>
/// One console line per entry: UTC time, level, the category's last name, the message. Akka's own prefix
/// ("[INFO][date][Thread 0001]") is dropped, its actor path kept; line breaks in a message become " | ".
/// </summary>
public sealed partial class OneLineConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "one-line";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
            return;
        if (logEntry.Category.StartsWith("Akka", StringComparison.Ordinal))
            message = AkkaPrefix().Replace(message, "");
        if (logEntry.Exception is { } ex)
            message = $"{message} ({ex.GetType().Name})";
        textWriter.Write(DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        textWriter.Write(' ');
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(' ');
        textWriter.Write(ShortCategory(logEntry.Category));
        textWriter.Write(": ");
        textWriter.Write(message.ReplaceLineEndings(" | "));
        textWriter.Write(Environment.NewLine);
    }

    private static string ShortCategory(string category)
    {
        var dot = category.LastIndexOf('.');
        return dot < 0 || category.StartsWith("Microsoft.Hosting", StringComparison.Ordinal) ? category : category[(dot + 1)..];
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

    [GeneratedRegex(@"^\[(DEBUG|INFO|WARNING|ERROR)\]\[[^\]]*\]\[Thread \d+\]")]
    private static partial Regex AkkaPrefix();
}
