using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using YouTubeAnalytics.Actors.Quota;
using YouTubeAnalytics.Actors.Watchlist;
using YouTubeAnalytics.Streams.YouTube;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Streams.Tests.YouTube;

/// <summary>
/// The client and poller wired as the host wires them (IHttpClientFactory, its HTTP logging included) against the
/// fake server, on a fake clock, with every log line captured at Trace.
/// </summary>
public sealed class PollerHarness : IDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="quota">The project's quota owner to share with another harness (a restart, another node); a fresh one if null.</param>
    public PollerHarness(FakeYouTubeServer server, IEnumerable<WatchTarget> watchlist, FakeTimeProvider clock,
        IQuotaKeeper? quota = null, int dailyQuota = 10_000, string apiKey = FakeYouTubeServer.ValidKey,
        YouTubePollerSettings? settings = null, TimeSpan? pollInterval = null, InMemoryWatchlist? sharedWatchlist = null,
        int batchGetStatsQuota = 10_000)
    {
        Clock = clock;
        Quota = quota ?? new LocalQuotaKeeper(clock);
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddHttpClient("youtube", c => c.BaseAddress = new Uri(server.BaseUrl));
        _services = services.BuildServiceProvider();
        var http = _services.GetRequiredService<IHttpClientFactory>().CreateClient("youtube");
        Budget = new QuotaBudget(Quota, new QuotaLimits(dailyQuota, batchGetStatsQuota), clock);
        Client = new YouTubeClient(http, apiKey, Budget, new YouTubeRetry(3, TimeSpan.FromMilliseconds(10)),
            _services.GetRequiredService<ILogger<YouTubeClient>>());
        Watchlist = sharedWatchlist ?? new InMemoryWatchlist(watchlist, clock);
        Poller = new YouTubePoller(Client, Budget, Status, Watchlist,
            settings ?? YouTubePollerSettings.For(pollInterval ?? TimeSpan.FromMinutes(5)), clock,
            _services.GetRequiredService<ILogger<YouTubePoller>>());
    }

    public FakeTimeProvider Clock { get; }

    public IQuotaKeeper Quota { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public QuotaBudget Budget { get; }

    public YouTubeStatus Status { get; } = new();

    public YouTubeClient Client { get; }

    public YouTubePoller Poller { get; }

    public InMemoryWatchlist Watchlist { get; }

    public void Dispose() => _services.Dispose();

    public static IEnumerable<WatchTarget> Videos(IEnumerable<string> ids) => ids.Select(WatchTarget.Video);

    /// <summary>n distinct valid video ids, stable for a prefix.</summary>
    public static List<string> Ids(int n, string prefix = "v") =>
        Enumerable.Range(0, n).Select(i => $"{prefix}{i:D10}"[..11]).ToList();
}

public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Capturing(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {state} {exception}");
    }
}
