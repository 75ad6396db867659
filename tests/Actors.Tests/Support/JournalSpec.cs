using Akka.Actor;
using Akka.Hosting;
using Microsoft.Data.Sqlite;
using YouTubeAnalytics.Actors.Persistence;
using YouTubeAnalytics.Actors.Serialization;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Actors.Tests.Support;

/// <summary>
/// An Akka.Hosting TestKit whose actor system persists to a database of its own (the real journal, the real
/// serializer, the project's akka.hocon): a SQLite file, or a fresh database on the test PostgreSQL server.
/// </summary>
public abstract class JournalSpec : Akka.Hosting.TestKit.TestKit
{
    private readonly string? _sqlitePath;
    private readonly PostgresTestDatabase? _postgres;

    /// <param name="sqliteSeed">A SQLite journal file to start from (copied, never changed), e.g. a checked-in fixture.</param>
    protected JournalSpec(JournalProvider provider, ITestOutputHelper output, string? sqliteSeed = null)
        : base(output: output, logLevel: Microsoft.Extensions.Logging.LogLevel.Information)
    {
        Provider = provider;
        if (provider == JournalProvider.Sqlite)
        {
            _sqlitePath = Path.Combine(Path.GetTempPath(), $"yta-spec-{Guid.NewGuid():N}.db");
            ConnectionString = $"Data Source={_sqlitePath}";
            if (sqliteSeed is not null)
                File.Copy(sqliteSeed, _sqlitePath);
        }
        else
        {
            _postgres = new PostgresTestDatabase();
            ConnectionString = _postgres.ConnectionString;
        }
    }

    protected JournalProvider Provider { get; }

    protected string ConnectionString { get; }

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider)
    {
        if (Provider == JournalProvider.Sqlite)
            JournalHostingExtensions.PrepareSqliteFile(ConnectionString);
        builder.AddHoconFile(Path.Combine(AppContext.BaseDirectory, "akka.hocon"), HoconAddMode.Prepend)
            .WithProtocolSerializer()
            .WithJournal(Provider, ConnectionString);
    }

    /// <summary>Stops an actor and waits until it is gone.</summary>
    protected async Task StopAsync(IActorRef actor)
    {
        Watch(actor);
        actor.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(actor, cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>Reads a value straight from the database, as a user with sqlite3 or psql would check it.</summary>
    protected object? Query(string sql)
    {
        if (_postgres is not null)
        {
            using var pg = new Npgsql.NpgsqlConnection(ConnectionString);
            pg.Open();
            using var pgCommand = new Npgsql.NpgsqlCommand(sql, pg);
            return pgCommand.ExecuteScalar();
        }
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    protected long Scalar(string sql) => Convert.ToInt64(Query(sql));

    protected override async Task AfterAllAsync()
    {
        await base.AfterAllAsync();
        await Sys.Terminate();
        if (_sqlitePath is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(_sqlitePath + suffix);
        }
        _postgres?.Dispose();
    }
}
