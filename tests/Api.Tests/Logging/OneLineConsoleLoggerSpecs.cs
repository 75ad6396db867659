using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using YouTubeAnalytics.Host.Logging;

namespace YouTubeAnalytics.Api.Tests.Logging;

public sealed class OneLineConsoleLoggerSpecs
{
    private readonly StringWriter _output = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 4, 30, 5, 123, TimeSpan.Zero));

    private ILogger Logger(string category) => new OneLineConsoleLoggerProvider(_output, _time).CreateLogger(category);

    [Fact]
    public void Should_write_the_line_before_the_call_returns()
    {
        // The log sink's alert line must be out before the notifier records the delivery: a SIGKILL loses a queue.
        Logger("YouTubeAnalytics.Streams.Alerts.LogAlertSink").LogInformation("ALERT {AlertId} for {VideoId}", "0123456789abcdef0123", "vid");

        Assert.Equal("2026-12-02 04:30:05.123Z info LogAlertSink: ALERT 0123456789abcdef0123 for vid" + Environment.NewLine, _output.ToString());
    }

    [Fact]
    public void Should_keep_one_line_per_entry_and_drop_Akkas_prefix()
    {
        Logger("Akka.Actor.ActorSystem").LogWarning(new InvalidOperationException("boom"),
            "[WARNING][12/02/2026 04:30:05.123Z][Thread 0007][akka://yta/user/x] first\nsecond");

        Assert.Equal("2026-12-02 04:30:05.123Z WARN ActorSystem: [akka://yta/user/x] first | second (InvalidOperationException)" + Environment.NewLine,
            _output.ToString());
    }

    [Fact]
    public void Should_keep_the_hosting_category_whole_and_skip_empty_entries()
    {
        var hosting = Logger("Microsoft.Hosting.Lifetime");
        hosting.LogInformation("");
        hosting.LogError("stopped");

        Assert.Equal("2026-12-02 04:30:05.123Z FAIL Microsoft.Hosting.Lifetime: stopped" + Environment.NewLine, _output.ToString());
    }
}
