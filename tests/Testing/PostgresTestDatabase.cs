using Npgsql;

namespace YouTubeAnalytics.Testing;

/// <summary>
/// A fresh, empty database on the PostgreSQL server named by YTA_TEST_POSTGRES (scripts/test.sh starts one on
/// loopback), dropped again on dispose. Tests need a real server: without one they fail and say how to get it.
/// </summary>
public sealed class PostgresTestDatabase : IDisposable
{
    public const string ServerVariable = "YTA_TEST_POSTGRES";

    private readonly string _server;

    public PostgresTestDatabase()
    {
        _server = Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{ServerVariable} is not set: run the tests with scripts/test.sh, which starts PostgreSQL on loopback, " +
                "or point it at a server (e.g. Host=127.0.0.1;Port=5432;Username=postgres).");
        Name = $"yta_{Guid.NewGuid():N}";
        Execute($"CREATE DATABASE {Name}");
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = Name, Pooling = true }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public long Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
