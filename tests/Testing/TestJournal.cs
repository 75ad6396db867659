using Microsoft.Data.Sqlite;

namespace YouTubeAnalytics.Testing;

/// <summary>A journal database of the test's own: a SQLite file or a fresh PostgreSQL database, removed on dispose.</summary>
public sealed class TestJournal : IDisposable
{
    private readonly PostgresTestDatabase? _postgres;
    private readonly string? _sqlitePath;

    private TestJournal(string provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
    }

    private TestJournal(string provider)
    {
        Provider = provider;
        if (provider == "PostgreSql")
        {
            _postgres = new PostgresTestDatabase();
            ConnectionString = _postgres.ConnectionString;
        }
        else
        {
            _sqlitePath = Path.Combine(Path.GetTempPath(), $"yta-test-{Guid.NewGuid():N}.db");
            ConnectionString = $"Data Source={_sqlitePath}";
        }
    }

    public static TestJournal Sqlite() => new("Sqlite");

    /// <summary>
    /// A SQLite journal file in <paramref name="directory"/> (e.g. on a small filesystem the test mounted); the
    /// directory's owner removes it.
    /// </summary>
    public static TestJournal SqliteIn(string directory) =>
        new("Sqlite", $"Data Source={Path.Combine(directory, $"yta-test-{Guid.NewGuid():N}.db")}");

    public static TestJournal PostgreSql() => new("PostgreSql");

    public static TestJournal Create(string provider) => new(provider);

    /// <summary>A journal on a PostgreSQL database the test owns otherwise (nothing is created or dropped).</summary>
    public static TestJournal OnPostgres(string connectionString) => new("PostgreSql", connectionString);

    /// <summary>"Sqlite" or "PostgreSql", as Persistence:Provider spells it.</summary>
    public string Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The host settings that point it at this database.</summary>
    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Persistence:Provider"] = Provider,
        ["ConnectionStrings:Journal"] = ConnectionString,
    };

    /// <summary>The same, as environment variables for a child process.</summary>
    public IDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["Persistence__Provider"] = Provider,
        ["ConnectionStrings__Journal"] = ConnectionString,
    };

    /// <summary>Reads a number from the database, as a user with sqlite3 or psql would.</summary>
    public long Scalar(string sql)
    {
        if (Provider == "PostgreSql")
        {
            // A fresh session each time, as psql opens one: a pooled one may be a session the database ended
            // (the outage specs stop the server), and reading it would fail the spec instead of the system.
            using var pg = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
            pg.Open();
            using var pgCommand = new Npgsql.NpgsqlCommand(sql, pg);
            return Convert.ToInt64(pgCommand.ExecuteScalar());
        }
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    /// <summary>Reads a column of text from the database (one value per row).</summary>
    public IReadOnlyList<string> Strings(string sql)
    {
        var values = new List<string>();
        using System.Data.Common.DbConnection connection = Provider == "PostgreSql"
            ? new Npgsql.NpgsqlConnection(ConnectionString)
            : new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
            values.Add(reader.GetString(0));
        return values;
    }

    /// <summary>How many samples the journal holds (every VideoActor's SampleRecorded events).</summary>
    public long SamplesPersisted() => Scalar("select count(*) from journal where manifest = 'video.sample-recorded.v1'");

    public void Dispose()
    {
        _postgres?.Dispose();
        if (_sqlitePath is null)
            return;
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_sqlitePath + suffix);
    }
}
