using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Data.Sqlite;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Persistence;
using YouTubeAnalytics.Actors.Serialization;
using YouTubeAnalytics.Actors.Tests.Support;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Actors.Watchlist;

namespace YouTubeAnalytics.Actors.Tests.Persistence;

/// <summary>
/// Today's code on a journal written by the code of 2026-12-02 (<see cref="JournalFixture"/>, checked in under
/// Fixtures/): every row reads under its manifest, and each actor recovers the state the same commands give today.
/// A change to a persisted type that breaks an old row fails here (docs/ARCHITECTURE.md, "Versioning persisted types").
/// </summary>
public sealed class JournalMigrationSpecs(ITestOutputHelper output) : JournalSpec(JournalProvider.Sqlite, output,
    sqliteSeed: Path.Combine(AppContext.BaseDirectory, "Persistence", "Fixtures", JournalFixture.JournalFile))
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock = new(JournalFixture.Now);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The video as today's rules build it from the fixture's samples (sequence numbers as the actor gives them).</summary>
    private static (VideoState State, List<string> AlertIds) VideoToday()
    {
        var state = VideoState.Empty(Samples.Id);
        var alertIds = new List<string>();
        long sequenceNr = 0;
        foreach (var sample in JournalFixture.VideoSamples)
        {
            var accepted = Assert.IsType<SampleDecision.Accept>(state.Process(sample, AlertSettings.Default, JournalFixture.Now));
            foreach (var e in accepted.Events)
            {
                state = state.Apply(e, ++sequenceNr);
                if (e is VideoEvents.AlertRaised raised)
                    alertIds.Add(raised.Alert.AlertId);
            }
        }
        return (state, alertIds);
    }

    private byte[] Bytes(object message) => new ProtocolSerializer((ExtendedActorSystem)Sys).ToBinary(message);

    private List<(string Table, string Manifest, int SerializerId, byte[] Payload)> Rows()
    {
        var rows = new List<(string, string, int, byte[])>();
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        foreach (var (table, query) in new[]
                 {
                     ("journal", "SELECT manifest, identifier, message FROM journal ORDER BY ordering"),
                     ("snapshot", "SELECT manifest, serializer_id, snapshot FROM snapshot"),
                 })
        {
            using var command = connection.CreateCommand();
            command.CommandText = query;
            using var reader = command.ExecuteReader();
            while (reader.Read())
                rows.Add((table, reader.GetString(0), reader.GetInt32(1), (byte[])reader[2]));
        }
        return rows;
    }

    [Fact]
    public void Should_read_every_row_of_the_old_journal_under_its_manifest()
    {
        var serializer = new ProtocolSerializer((ExtendedActorSystem)Sys);
        var rows = Rows();

        // The fixture covers every persisted manifest of its day (a new fixture adds the manifests added since).
        Assert.Equal(
            ["journal-probe.written.v1", "notifier.alert-delivered.v1", "notifier.state.v1", "video.alert-raised.v1",
             "video.sample-recorded.v1", "video.state.v1", "watchlist.videos-discovered.v1", "watchlist.watch-added.v1"],
            rows.Select(r => r.Manifest).Distinct().Order(StringComparer.Ordinal));
        Assert.All(rows, row =>
        {
            Assert.Equal(ProtocolSerializer.SerializerId, row.SerializerId);
            Assert.IsAssignableFrom<IProtocolMessage>(serializer.FromBinary(row.Payload, row.Manifest));
        });
    }

    [Fact]
    public async Task Should_recover_the_video_from_its_old_snapshot_and_events_as_today_s_rules_build_it()
    {
        var video = Sys.ActorOf(VideoActor.PropsFor(Samples.Id,
            VideoActorSettings.Default with { SnapshotEvery = JournalFixture.SnapshotEvery }, new RecordingReadSide(), Clock));

        var recovered = (await video.Ask<VideoQueries.VideoStatsReply>(new VideoQueries.GetVideoStats(Samples.Id), Timeout, Cancel)).State;

        Assert.Equal(6, recovered.SampleCount);
        Assert.Equal(2, recovered.AlertCount);
        Assert.Equal(13_400, recovered.Latest!.ViewCount);
        // Fields added to video.state.v1 since the fixture (rule 1) read as absent from its snapshot: the surge rule's
        // buckets start again and no percent cooldown runs until the next change alert. All else is as today's rules build it.
        Assert.Null(recovered.LastChangeAlertAt);
        static VideoState WithoutFieldsAddedSince(VideoState state) => state with { Velocity = null, LastChangeAlertAt = null };
        Assert.Equal(Bytes(WithoutFieldsAddedSince(VideoToday().State)), Bytes(WithoutFieldsAddedSince(recovered))); // records with arrays: compared by their bytes
        // And it goes on: the next sample is judged against the recovered baseline (+20 %: an alert).
        var next = Assert.IsType<VideoCommands.SampleAccepted>(await video.Ask<object>(
            new VideoCommands.RecordSample(Samples.At(6, 16_080)), Timeout, Cancel));
        Assert.NotNull(next.AlertId);
    }

    [Fact]
    public async Task Should_recover_the_watchlist_and_read_its_old_new_upload_row_as_an_announced_upload()
    {
        var watchlist = Sys.ActorOf(WatchlistActor.PropsFor([JournalFixture.WatchedPlaylist], Clock));
        var today = WatchlistState.Empty;
        foreach (var e in today.Add(JournalFixture.WatchedPlaylist, JournalFixture.Now))
            today = today.Apply(e);
        foreach (var ids in JournalFixture.Expansions)
            foreach (var e in today.Discover(JournalFixture.WatchedPlaylist, ids, JournalFixture.Now))
                today = today.Apply(e);

        var reply = await watchlist.Ask<WatchlistQueries.WatchlistReply>(WatchlistQueries.GetWatchlist.Instance, Timeout, Cancel);
        Assert.Equal(today.Targets, reply.Targets);
        Assert.Equal([JournalFixture.BaselineVideo, JournalFixture.NewUpload], reply.VideoIds);
        Assert.Equal(today.VideoIds(), reply.VideoIds);

        // The old video.alert-raised.v1 row was read as NewUploadFound: the upload it announced is not announced
        // again when another collection lists it later, while a video never announced is.
        var channel = WatchTarget.Channel("UCuAXFkgsw1L7xaCfnd5JJOw");
        await watchlist.Ask<WatchlistCommands.WatchChanged>(new WatchlistCommands.RemoveWatch(JournalFixture.Playlist), Timeout, Cancel);
        await watchlist.Ask<WatchlistCommands.WatchChanged>(new WatchlistCommands.AddWatch(channel), Timeout, Cancel);
        await watchlist.Ask<WatchlistCommands.DiscoveredRecorded>(
            new WatchlistCommands.RecordDiscovered(channel, [JournalFixture.BaselineVideo], JournalFixture.Now), Timeout, Cancel);
        var recorded = await watchlist.Ask<WatchlistCommands.DiscoveredRecorded>(
            new WatchlistCommands.RecordDiscovered(channel, [JournalFixture.NewUpload, "Ks-_Mh1QhMc"], JournalFixture.Now), Timeout, Cancel);

        // Since issue 15 the watchlist raises no alert: it records the new upload, which its video announces at its first sample.
        Assert.Equal(["Ks-_Mh1QhMc"], recorded.NewUploads);
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM journal WHERE persistence_id = 'watchlist' AND manifest = 'watchlist.new-upload-found.v1'"));
        Assert.Equal("[\"Ks-_Mh1QhMc\"]", Query(
            "SELECT json_extract(CAST(message AS TEXT), '$.newUploads') FROM journal WHERE manifest = 'watchlist.videos-discovered.v1' ORDER BY ordering DESC LIMIT 1"));
    }

    [Fact]
    public async Task Should_bring_the_old_alerts_of_videos_and_of_the_watchlist_through_the_alert_tag()
    {
        var expected = VideoToday().AlertIds;
        expected.Add(WatchlistState.NewVideoAlert(JournalFixture.WatchedPlaylist, JournalFixture.NewUpload, JournalFixture.Now).AlertId);

        var alerts = await AlertTagSource.After(AlertTagSource.ReadJournal(Sys), 0).Take(expected.Count)
            .RunAggregate(new List<RaisedAlert>(), (list, a) => { list.Add(a); return list; }, Sys.Materializer())
            .WaitAsync(Timeout, Cancel);

        Assert.Equal(expected, alerts.Select(a => a.Alert.AlertId));
        Assert.Equal(WatchlistState.NewVideoRule, alerts[^1].Alert.Breaches[0].Rule);
    }

    [Fact]
    public async Task Should_recover_the_notifier_offset_from_its_old_snapshot_and_events()
    {
        var notifier = Sys.ActorOf(NotifierActor.PropsFor(NotifierSettings.Default, new RecordingAlertSink(), Clock));

        var status = await notifier.Ask<NotifierQueries.NotifierStatus>(NotifierQueries.GetNotifierStatus.Instance, Timeout, Cancel);

        Assert.Equal(3, status.DeliveredCount);
        Assert.Equal(Scalar("SELECT MAX(ordering_id) FROM tags WHERE tag = 'alert'"), status.Offset);
        Assert.Equal(0, status.Pending);
    }

    [Fact]
    public async Task Should_decode_the_old_raw_topic_records_into_the_samples_they_were_made_of()
    {
        var lines = await File.ReadAllLinesAsync(
            Path.Combine(AppContext.BaseDirectory, "Persistence", "Fixtures", JournalFixture.RawTopicFile), Cancel);

        Assert.Equal(JournalFixture.VideoSamples.Count, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.True(VideoStatsObservedCodec.TryDecode(System.Text.Encoding.UTF8.GetBytes(lines[i]), out var sample, out var error), error);
            Assert.Equal(JournalFixture.VideoSamples[i], sample);
        }
    }
}
