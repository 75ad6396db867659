using Microsoft.Extensions.Logging;

namespace YouTubeAnalytics.Kafka.Tests.Support;

/// <summary>Writes a component's log into the test's output, so a failing spec shows what the consumer saw.</summary>
public sealed class TestOutputLogger(ITestOutputHelper output, string name) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {name}: {formatter(state, exception)}");
        }
        catch (InvalidOperationException)
        {
            // The test is over; a late line from a background thread has nowhere to go.
        }
    }
}
