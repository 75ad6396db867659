using Akka.Actor;
using Microsoft.Data.Sqlite;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Persistence;
using YouTubeAnalytics.Actors.Tests.Support;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Actors.Watchlist;

namespace YouTubeAnalytics.Actors.Tests.Persistence;

/// <summary>
/// Writes the fixture journal of <see cref="JournalFixture"/> with the code of the day. Run by hand only, when a new
/// fixture is wanted (an old one is never rewritten: it is the proof that old bytes still read):
/// <c>YTA_WRITE_JOURNAL_FIXTURE=tests/Actors.Tests/Persistence/Fixtures dotnet test … --filter JournalFixtureWriter</c>.
/// </summary>
public sealed class JournalFixtureWriter(ITestOutputHelper output) : JournalSpec(JournalProvider.Sqlite, output)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Write_the_fixture_journal()
    {
        var folder = Environment.GetEnvironmentVariable("YTA_WRITE_JOURNAL_FIXTURE");
        Assert.SkipWhen(string.IsNullOrEmpty(folder), "writes the fixture only when YTA_WRITE_JOURNAL_FIXTURE names its folder");
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(JournalFixture.Now);

        var video = Sys.ActorOf(VideoActor.PropsFor(Samples.Id,
            VideoActorSettings.Default with { SnapshotEvery = JournalFixture.SnapshotEvery }, new RecordingReadSide(), clock));
        foreach (var sample in JournalFixture.VideoSamples)
            Assert.IsType<VideoCommands.SampleAccepted>(await video.Ask<object>(new VideoCommands.RecordSample(sample), Timeout, Cancel));

        var watchlist = Sys.ActorOf(WatchlistActor.PropsFor([JournalFixture.WatchedPlaylist], clock));
        foreach (var ids in JournalFixture.Expansions)
            await watchlist.Ask<WatchlistCommands.DiscoveredRecorded>(
                new WatchlistCommands.RecordDiscovered(JournalFixture.WatchedPlaylist, ids, JournalFixture.Now), Timeout, Cancel);

        var sink = new RecordingAlertSink();
        var notifier = Sys.ActorOf(NotifierActor.PropsFor(NotifierSettings.Default with { SnapshotEvery = 2 }, sink, clock));
        await AwaitAssertAsync(() => Assert.Equal(3, sink.Delivered.Count), Timeout, cancellationToken: Cancel);
        await AwaitAssertAsync(() => Assert.True(Scalar("SELECT COUNT(*) FROM snapshot WHERE persistence_id = 'alert-notifier'") > 0), Timeout, cancellationToken: Cancel);
        foreach (var actor in new[] { video, watchlist, notifier })
            await StopAsync(actor);

        var journal = Path.GetFullPath(Path.Combine(folder!, JournalFixture.JournalFile));
        File.Delete(journal);
        using (var connection = new SqliteConnection(ConnectionString))
        {
            connection.Open();
            using var copy = connection.CreateCommand();
            copy.CommandText = "VACUUM INTO $path"; // one file, the WAL folded in
            copy.Parameters.AddWithValue("$path", journal);
            copy.ExecuteNonQuery();
        }
        await File.WriteAllLinesAsync(Path.Combine(folder!, JournalFixture.RawTopicFile),
            JournalFixture.VideoSamples.Select(s => System.Text.Encoding.UTF8.GetString(VideoStatsObservedCodec.Encode(s))),
            Cancel);
    }
}
