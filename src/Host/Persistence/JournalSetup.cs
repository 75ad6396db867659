using Akka.Hosting;
using YouTubeAnalytics.Actors.Persistence;
using YouTubeAnalytics.Host.Configuration;

namespace YouTubeAnalytics.Host.Persistence;

/// <summary>Turns the Persistence section and ConnectionStrings:Journal into the journal the actors use.</summary>
public static class JournalSetup
{
    public const string DefaultSqliteConnectionString = "Data Source=data/youtube-analytics.db";

    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Journal") is { Length: > 0 } cs ? cs : DefaultSqliteConnectionString;

    public static AkkaConfigurationBuilder WithJournal(
        this AkkaConfigurationBuilder builder, PersistenceOptions options, string connectionString, ClusterNodeOptions cluster)
    {
        var provider = options.Provider == PersistenceOptions.Sqlite ? JournalProvider.Sqlite : JournalProvider.PostgreSql;
        if (provider == JournalProvider.Sqlite)
            PrepareSqlite(connectionString);
        else
            CheckPostgres(connectionString);
        // A node with a fixed address keeps its probe row across restarts; a single node is alone on its journal; a
        // cluster member on a random port gets a key of its own (one row per start, since the address changes anyway).
        var nodeKey = cluster.Port != 0 ? $"{cluster.Hostname}-{cluster.Port}"
            : cluster.SeedNodes.Length == 0 ? "single"
            : $"{cluster.Hostname}-{Guid.NewGuid():N}";
        return builder.WithJournal(provider, connectionString, nodeKey);
    }

    /// <summary>
    /// A PostgreSQL connection string that cannot be read stops the start naming the key; without this the journal
    /// retries it for ever. The message never repeats the string or Npgsql's text: either may hold the password.
    /// </summary>
    public static void CheckPostgres(string connectionString)
    {
        try
        {
            var parsed = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(parsed.Host))
                throw new ArgumentException("no Host");
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            throw new ConfigurationErrorException(
                "ConnectionStrings:Journal is not a usable PostgreSQL connection string (expected Host=…;Port=…;Username=…;Password=…;Database=…)");
        }
    }

    /// <summary>Creates the SQLite file's folder and switches it to WAL; a bad connection string names the key.</summary>
    public static string PrepareSqlite(string connectionString)
    {
        try
        {
            return JournalHostingExtensions.PrepareSqliteFile(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            throw new ConfigurationErrorException($"ConnectionStrings:Journal is not a usable SQLite database: {ex.Message}");
        }
    }
}
