using Akka.Hosting;
using YouTubeAnalytics.Actors.Persistence;
using YouTubeAnalytics.Host.Configuration;

namespace YouTubeAnalytics.Host.Persistence;

/// <summary>Turns the Persistence section and ConnectionStrings:Journal into the journal the actors use.</summary>
public static class JournalSetup
{
    public static AkkaConfigurationBuilder WithJournal(
        this AkkaConfigurationBuilder builder, PersistenceOptions options, string connectionString, ClusterNodeOptions cluster)
    {
        var provider = options.Provider == PersistenceOptions.Sqlite ? JournalProvider.Sqlite : JournalProvider.PostgreSql;
        if (provider == JournalProvider.Sqlite)
            PrepareSqlite(connectionString);
        else
        {
            CheckPostgres(connectionString);
            if (cluster.SeedNodes.Length > 0)
                connectionString = WithStaleTransactionTimeout(connectionString, cluster.DownUnreachableAfter);
        }
        // A node with a fixed address keeps its probe row across restarts; a single node is alone on its journal; a
        // cluster member on a random port gets a key of its own (one row per start, since the address changes anyway).
        var nodeKey = cluster.Port != 0 ? $"{cluster.Hostname}-{cluster.Port}"
            : cluster.SeedNodes.Length == 0 ? "single"
            : $"{cluster.Hostname}-{Guid.NewGuid():N}";
        return builder.WithJournal(provider, connectionString, nodeKey);
    }

    /// <summary>
    /// A node frozen in the middle of a journal write holds its transaction open, and with it the row locks of the
    /// entities it was writing: after the resolver moved those entities, the majority's writes to them waited on the
    /// frozen node's uncommitted rows until the journal's timeout, again and again (the partition spec saw samples
    /// stop). Each node's sessions carry PostgreSQL's idle_in_transaction_session_timeout = Cluster:DownUnreachableAfter,
    /// so the server ends a frozen node's open transaction (rolled back) before the resolver even downs it. Our writes
    /// are a few statements sent back to back: no session of a running node waits that long inside a transaction.
    /// A value already in the connection string's Options wins.
    /// </summary>
    public static string WithStaleTransactionTimeout(string connectionString, TimeSpan timeout)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options?.Contains("idle_in_transaction_session_timeout", StringComparison.Ordinal) == true)
            return connectionString;
        var setting = $"-c idle_in_transaction_session_timeout={(long)timeout.TotalMilliseconds}";
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? setting : $"{builder.Options} {setting}";
        return builder.ConnectionString;
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
