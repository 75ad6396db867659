using Akka.Actor;
using Npgsql;
using YouTubeAnalytics.Actors.Persistence;
using YouTubeAnalytics.Actors.Tests.Support;
using YouTubeAnalytics.Actors.Videos;
using static YouTubeAnalytics.Actors.Tests.Support.Samples;

namespace YouTubeAnalytics.Actors.Tests.Videos;

/// <summary>
/// The journal writes many VideoActors' events in one batch (one transaction, akka.hocon's batch-size). When the
/// database starts refusing writes mid-stream, a batch fails as a whole: no actor may ack a sample its batch did not
/// persist. Oracle: for every video, the samples in the journal are at least the samples it acked.
/// </summary>
public sealed class JournalBatchFailureSpecs(ITestOutputHelper output) : JournalSpec(JournalProvider.PostgreSql, output)
{
    private const int Videos = 60;

    [Fact]
    public async Task Should_ack_no_sample_of_a_batch_the_journal_did_not_persist()
    {
        var readSide = new RecordingReadSide();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(T0.AddDays(1));
        var acked = new int[Videos];
        var failed = 0;
        var refused = new TaskCompletionSource();
        // The journal's first write creates its tables: not part of the fault.
        var warmup = Sys.ActorOf(VideoActor.PropsFor("bfwarmup000", VideoActorSettings.Default, readSide, clock));
        await warmup.Ask<VideoCommands.SampleAccepted>(new VideoCommands.RecordSample(At(0, 1, videoId: "bfwarmup000")),
            TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var loops = Enumerable.Range(0, Videos).Select(v => Task.Run(async () =>
        {
            var id = $"bf{v:D9}";
            var video = Sys.ActorOf(VideoActor.PropsFor(id, VideoActorSettings.Default, readSide, clock));
            for (var minute = 0; minute < 400; minute++)
            {
                try
                {
                    var reply = await video.Ask<object>(new VideoCommands.RecordSample(At(minute, 10_000 + minute, videoId: id)),
                        TimeSpan.FromSeconds(10));
                    Assert.IsType<VideoCommands.SampleAccepted>(reply);
                    Interlocked.Increment(ref acked[v]);
                }
                catch (AskTimeoutException)
                {
                    Interlocked.Increment(ref failed); // its batch failed: the actor stopped without an ack
                    return;
                }
            }
        }, TestContext.Current.CancellationToken)).ToList();

        // Let batches of many actors go through, then refuse every write while others are in flight.
        await AwaitConditionAsync(() => Task.FromResult(acked.Sum() >= 300), TimeSpan.FromSeconds(60),
            cancellationToken: TestContext.Current.CancellationToken);
        SetReadOnly(true);
        refused.SetResult();
        await Task.WhenAll(loops);
        SetReadOnly(false);

        Assert.True(failed > 0, "the database refused no write: the fault did not happen");
        for (var v = 0; v < Videos; v++)
        {
            var persisted = Convert.ToInt32(Query(
                $"select count(*) from journal where persistence_id = 'video-bf{v:D9}' and manifest = 'video.sample-recorded.v1'"));
            Assert.True(persisted >= acked[v], $"video {v}: {acked[v]} acked, {persisted} persisted");
        }
    }

    /// <summary>Switches the database to read-only (or back) and cuts its sessions, so every new one takes the setting.</summary>
    private void SetReadOnly(bool on)
    {
        var database = new NpgsqlConnectionStringBuilder(ConnectionString).Database!;
        var server = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        using var connection = new NpgsqlConnection(server.ConnectionString);
        connection.Open();
        foreach (var sql in new[]
        {
            $"ALTER DATABASE {database} SET default_transaction_read_only = {(on ? "on" : "off")}",
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid()",
        })
        {
            using var command = new NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }
    }
}
