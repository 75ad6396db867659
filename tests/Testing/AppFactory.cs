using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Streams.Ingest;

namespace YouTubeAnalytics.Testing;

/// <summary>
/// The real host (Program) in-process on the test's journal database, with the sample source and the alert sink
/// swapped for ones the test controls (a null source or sink keeps the host's own: the demo, or the YouTube poller
/// when YouTube:ApiKey is among the settings; the log, or Telegram from the settings). Several factories may share
/// one database to restart "the same" node. <paramref name="logs"/> sees every log entry; <paramref name="configureServices"/>
/// replaces more of the host's services (e.g. its TimeProvider).
/// </summary>
public sealed class AppFactory(
    TestJournal journal, IAlertSink? sink, IVideoStatsSource? source, IDictionary<string, string?>? settings = null,
    ILoggerProvider? logs = null, Action<IServiceCollection>? configureServices = null)
    : WebApplicationFactory<Program>
{
    public ActorSystem ActorSystem => Services.GetRequiredService<ActorSystem>();

    public IActorRegistry Registry => Services.GetRequiredService<IActorRegistry>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Specs written before Alerts:Cooldown count one alert per breaching sample; a spec of the cooldown sets it.
        builder.UseSetting("Alerts:Cooldown", "00:00:00");
        foreach (var (key, value) in journal.Settings.Concat(settings ?? new Dictionary<string, string?>()))
            builder.UseSetting(key, value);
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Warning);
            if (logs is not null)
                logging.AddProvider(logs);
        });
        builder.ConfigureTestServices(services =>
        {
            if (sink is not null)
                services.AddSingleton(sink);
            if (source is not null)
                services.AddSingleton(source);
            configureServices?.Invoke(services);
        });
    }
}
