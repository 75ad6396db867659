using Akka.Actor;
using Akka.Hosting;
using Microsoft.Data.Sqlite;
using YouTubeAnalytics.Actors.Persistence;
using YouTubeAnalytics.Actors.Serialization;

namespace YouTubeAnalytics.Actors.Tests.Support;

/// <summary>
/// An Akka.Hosting TestKit whose actor system persists to its own SQLite file (the real journal, the real
/// serializer, the project's akka.hocon), deleted after the test.
/// </summary>
public abstract class SqliteJournalSpec(ITestOutputHelper output)
    : Akka.Hosting.TestKit.TestKit(output: output, logLevel: Microsoft.Extensions.Logging.LogLevel.Information)
{
    protected string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"yta-spec-{Guid.NewGuid():N}.db");

    protected string ConnectionString => $"Data Source={DatabasePath}";

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider)
    {
        JournalHostingExtensions.PrepareSqliteFile(ConnectionString);
        builder.AddHoconFile(Path.Combine(AppContext.BaseDirectory, "akka.hocon"), HoconAddMode.Prepend)
            .WithProtocolSerializer()
            .WithJournal(JournalProvider.Sqlite, ConnectionString);
    }

    /// <summary>Stops an actor and waits until it is gone.</summary>
    protected async Task StopAsync(IActorRef actor)
    {
        Watch(actor);
        actor.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(actor, cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>Reads a number straight from the database, as a user with sqlite3 would check it.</summary>
    protected long Scalar(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    protected override async Task AfterAllAsync()
    {
        await base.AfterAllAsync();
        await Sys.Terminate();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(DatabasePath + suffix);
    }
}
