using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Streams.Ingest;

namespace YouTubeAnalytics.Testing;

/// <summary>
/// The real host (Program) in-process on a SQLite file of the test's, with the sample source and the alert sink
/// swapped for ones the test controls (a null sink keeps the host's own, e.g. Telegram from the settings). Several
/// factories may share one database to restart "the same" node. <paramref name="logs"/> sees every log entry.
/// </summary>
public sealed class AppFactory(
    string databasePath, IAlertSink? sink, IVideoStatsSource source, IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null)
    : WebApplicationFactory<Program>
{
    public static string NewDatabasePath() => Path.Combine(Path.GetTempPath(), $"yta-test-{Guid.NewGuid():N}.db");

    public ActorSystem ActorSystem => Services.GetRequiredService<ActorSystem>();

    public IActorRegistry Registry => Services.GetRequiredService<IActorRegistry>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Journal", $"Data Source={databasePath}");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
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
            services.AddSingleton(source);
        });
    }

    public static void DeleteDatabase(string databasePath)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(databasePath + suffix);
    }

    /// <summary>Reads a number from the database, as a user with sqlite3 would.</summary>
    public static long Scalar(string databasePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }
}
