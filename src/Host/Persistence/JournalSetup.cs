using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Hosting;
using Akka.Hosting;
using LinqToDB;
using Microsoft.Data.Sqlite;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Host.Configuration;

namespace YouTubeAnalytics.Host.Persistence;

/// <summary>The journal and snapshot store: SQLite under ./data by default, PostgreSQL for a cluster.</summary>
public static class JournalSetup
{
    public const string DefaultSqliteConnectionString = "Data Source=data/youtube-analytics.db";

    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Journal") is { Length: > 0 } cs ? cs : DefaultSqliteConnectionString;

    public static AkkaConfigurationBuilder WithJournal(
        this AkkaConfigurationBuilder builder, PersistenceOptions options, string connectionString)
    {
        var providerName = options.Provider == PersistenceOptions.Sqlite ? ProviderName.SQLiteMS : ProviderName.PostgreSQL15;
        if (options.Provider == PersistenceOptions.Sqlite)
            PrepareSqlite(connectionString);

        var journal = new Akka.Persistence.Sql.Hosting.SqlJournalOptions(isDefaultPlugin: true)
        {
            ConnectionString = connectionString,
            ProviderName = providerName,
            AutoInitialize = true,
            TagStorageMode = TagMode.TagTable,
            QueryRefreshInterval = TimeSpan.FromMilliseconds(100),
        };
        var snapshots = new Akka.Persistence.Sql.Hosting.SqlSnapshotOptions(isDefaultPlugin: true)
        {
            ConnectionString = connectionString,
            ProviderName = providerName,
            AutoInitialize = true,
        };
        return builder.WithSqlPersistence(
            journal, snapshots,
            journalBuilder: j =>
            {
                j.AddWriteEventAdapter<AlertTagger>(AlertTagger.AdapterName, [typeof(VideoEvents.AlertRaised)]);
                j.WithHealthCheck(name: "journal");
            });
    }

    /// <summary>Creates the database's folder and switches it to WAL once (about 2x faster under load than the default).</summary>
    public static string PrepareSqlite(string connectionString)
    {
        SqliteConnectionStringBuilder csb;
        try
        {
            csb = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ConfigurationErrorException($"ConnectionStrings:Journal is not a valid SQLite connection string: {ex.Message}");
        }
        if (string.IsNullOrWhiteSpace(csb.DataSource) || csb.DataSource == ":memory:")
            throw new ConfigurationErrorException("ConnectionStrings:Journal must name a SQLite file (an in-memory database would lose everything)");
        var path = Path.GetFullPath(csb.DataSource);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode=WAL;";
        wal.ExecuteNonQuery();
        return path;
    }
}
