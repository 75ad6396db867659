using Akka.Actor;
using Akka.Serialization;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Bot;
using YouTubeAnalytics.Actors.Channels;
using YouTubeAnalytics.Actors.Serialization;
using YouTubeAnalytics.Actors.Tests.Support;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Actors.Watchlist;

namespace YouTubeAnalytics.Actors.Tests.Serialization;

public sealed class ProtocolSerializerSpecs : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("serializer-specs");
    private readonly ProtocolSerializer _serializer;

    public ProtocolSerializerSpecs() => _serializer = new ProtocolSerializer((ExtendedActorSystem)_system);

    public void Dispose() => _system.Dispose();

    public static TheoryData<string, object> Messages()
    {
        var state = VideoState.Empty(Samples.Id);
        var alert = default(Alert);
        foreach (var sample in new[] { Samples.At(0, 990_000), Samples.At(60, 1_050_000, likes: null) })
        {
            if (state.Process(sample, AlertSettings.Default, Samples.T0.AddDays(1)) is SampleDecision.Accept a)
                foreach (var e in a.Events)
                {
                    state = state.Apply(e);
                    if (e is VideoEvents.AlertRaised r) alert = r.Alert;
                }
        }
        var channel = ChannelState.Empty(ChannelSamples.Id);
        foreach (var sample in new[] { ChannelSamples.At(0, 990_000), ChannelSamples.At(30, 1_000_000) })
            if (channel.Process(sample, ChannelAlertSettings.Default, Samples.T0.AddDays(1)) is ChannelDecision.Accept c)
                foreach (var e in c.Events)
                    channel = channel.Apply(e);
        var notifier = NotifierState.Empty.Apply(new NotifierEvents.AlertDelivered("abc", 42, Samples.T0))
            .Apply(new NotifierEvents.AlertOwed("abd", 43, "telegram:-222", Samples.T0))
            .Apply(new NotifierEvents.AlertReceived("abd", "telegram:111", Samples.T0))
            .Apply(new NotifierEvents.RecipientMoved("telegram:-1000", "-1001", Samples.T0));
        return new TheoryData<string, object>
        {
            { "video.sample-recorded.v1", new VideoEvents.SampleRecorded(Samples.At(1, 5, likes: null, comments: null)) },
            { "video.alert-raised.v1", new VideoEvents.AlertRaised(alert!) },
            { "video.state.v1", state },
            { "video.record-sample.v1", new VideoCommands.RecordSample(Samples.At(2, 7)) },
            { "video.history-forgotten.v1", new VideoEvents.HistoryForgotten(Samples.T0, Samples.T0.AddDays(-30)) },
            { "video.expire-history.v1", new VideoCommands.ExpireHistory(Samples.Id) },
            { "video.history-expiry-answered.v1", new VideoCommands.HistoryExpiryAnswered(Samples.Id, HistoryExpiry.Forget) },
            { "video.sample-accepted.v1", new VideoCommands.SampleAccepted(Samples.Id, Samples.T0, "abc") },
            { "video.sample-ignored.v1", new VideoCommands.SampleIgnored(Samples.Id, Samples.T0, "duplicate sample") },
            { "video.get-stats.v1", new VideoQueries.GetVideoStats(Samples.Id) },
            { "video.stats-reply.v1", new VideoQueries.VideoStatsReply(state) },
            { "video.get-history-range.v1", new VideoQueries.GetHistoryRange(Samples.Id, Samples.T0, Samples.T0.AddHours(1)) },
            { "video.history-range.v1", new VideoQueries.HistoryRange(Samples.Id, true, 3, 40) },
            { "daily-summary.scheduled.v1", new YouTubeAnalytics.Actors.Alerts.Summary.DailySummaryEvents.Scheduled(-100123,
                new YouTubeAnalytics.Actors.Alerts.Summary.SummarySchedule(new TimeOnly(8, 30), "Europe/Berlin"), true, Samples.T0) },
            { "daily-summary.sent.v1", new YouTubeAnalytics.Actors.Alerts.Summary.DailySummaryEvents.Sent(-100123, new DateOnly(2026, 3, 2), Samples.T0) },
            { "notifier.alert-delivered.v1", new NotifierEvents.AlertDelivered("abc", 42, Samples.T0) },
            { "notifier.alert-received.v1", new NotifierEvents.AlertReceived("abc", "telegram:111", Samples.T0) },
            { "notifier.alert-owed.v1", new NotifierEvents.AlertOwed("abc", 42, "telegram:-222", Samples.T0) },
            { "notifier.recipient-moved.v1", new NotifierEvents.RecipientMoved("telegram:-1000", "-1001", Samples.T0) },
            { "notifier.alert-located.v1", new NotifierEvents.AlertLocated("abc", 42, Samples.T0) },
            { "notifier.alert-pushed.v1", new NotifierCommands.AlertPushed(alert!) },
            { "notifier.state.v1", notifier },
            { "notifier.get-status.v1", NotifierQueries.GetNotifierStatus.Instance },
            { "notifier.status.v1", new NotifierQueries.NotifierStatus(42, 3, 1, 2) },
            { "watchlist.watch-added.v1", new WatchlistEvents.WatchAdded(WatchTarget.Channel("@rickastleyyt"), Samples.T0) },
            { "watchlist.watch-removed.v1", new WatchlistEvents.WatchRemoved(WatchTarget.Video(Samples.Id), Samples.T0) },
            { "watchlist.videos-discovered.v1", new WatchlistEvents.VideosDiscovered(WatchTarget.Playlist("PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf"), [Samples.Id], Samples.T0) { NewUploads = [Samples.Id] } },
            { "watchlist.new-upload-found.v1", new WatchlistEvents.NewUploadFound(WatchlistState.NewVideoAlert(WatchTarget.Playlist("PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf"), Samples.Id, Samples.T0)) },
            { "watchlist.add.v1", new WatchlistCommands.AddWatch(WatchTarget.Channel("UCuAXFkgsw1L7xaCfnd5JJOw")) },
            { "watchlist.remove.v1", new WatchlistCommands.RemoveWatch(Samples.Id) },
            { "watchlist.record-discovered.v1", new WatchlistCommands.RecordDiscovered(WatchTarget.Playlist("PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf"), [Samples.Id], Samples.T0) },
            { "watchlist.changed.v1", new WatchlistCommands.WatchChanged(true, WatchTarget.Video(Samples.Id)) },
            { "watchlist.discovered-recorded.v1", new WatchlistCommands.DiscoveredRecorded(3) { NewUploads = [Samples.Id] } },
            { "watchlist.get.v1", WatchlistQueries.GetWatchlist.Instance },
            {
                "watchlist.reply.v1", new WatchlistQueries.WatchlistReply([WatchTarget.Playlist("PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf")], [Samples.Id])
                {
                    Health = [new TargetHealth(WatchTarget.Playlist("PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf"), 2, "playlistNotFound (HTTP 404)", null, Samples.T0, Samples.T0.AddMinutes(10))],
                }
            },
            { "watchlist.target-checked.v1", new WatchlistEvents.TargetChecked(WatchTarget.Channel("@rickastleyyt"), "channelNotFound", Samples.T0, Samples.T0.AddMinutes(5)) },
            { "watchlist.record-target-health.v1", new WatchlistCommands.RecordTargetHealth(WatchTarget.Channel("@rickastleyyt"), null, Samples.T0) },
            { "watchlist.target-health-recorded.v1", new WatchlistCommands.TargetHealthRecorded(TargetHealth.Unknown(WatchTarget.Channel("@rickastleyyt"))) },
            { "bot.update-handled.v1", new BotEvents.UpdateHandled(41, Samples.T0) },
            { "bot.threshold-set.v1", new BotEvents.ThresholdSet(42, -100123, 12.5m, Samples.T0) },
            { "bot.video-muted.v1", new BotEvents.VideoMuted(43, 555, Samples.Id, Samples.T0.AddHours(6), Samples.T0) },
            { "journal-probe.written.v1", new YouTubeAnalytics.Actors.Persistence.JournalProbeMessages.ProbeWritten(Samples.T0) },
            { "channel.stats-recorded.v1", new ChannelEvents.StatsRecorded(ChannelSamples.At(0, 4_210_000)) },
            { "channel.state.v1", channel },
            { "channel.record-stats.v1", new ChannelCommands.RecordStats(ChannelSamples.At(1, null)) },
            { "channel.stats-accepted.v1", new ChannelCommands.StatsAccepted(ChannelSamples.Id, Samples.T0, "abc") },
            { "channel.stats-ignored.v1", new ChannelCommands.StatsIgnored(ChannelSamples.Id, Samples.T0, "duplicate sample") },
            { "channel.get-stats.v1", new ChannelQueries.GetChannelStats(ChannelSamples.Id) },
            { "channel.stats-reply.v1", new ChannelQueries.ChannelStatsReply(channel) },
            { "quota.units-spent.v1", new YouTubeAnalytics.Actors.Quota.QuotaEvents.UnitsSpent(new DateOnly(2026, 6, 3), "batch-get-stats", "video-refresh", 1) },
            { "quota.bucket-exhausted.v1", new YouTubeAnalytics.Actors.Quota.QuotaEvents.BucketExhausted(new DateOnly(2026, 6, 3), "data-api", Samples.T0) },
            { "quota.ledger.v1", Ledger() },
            { "quota.reserve.v1", new YouTubeAnalytics.Actors.Quota.QuotaCommands.Reserve("data-api", "expansion", 1, 10_000) },
            { "quota.reservation.v1", new YouTubeAnalytics.Actors.Quota.QuotaCommands.Reservation(true, Ledger()) },
            { "quota.exhaust.v1", new YouTubeAnalytics.Actors.Quota.QuotaCommands.Exhaust("batch-get-stats") },
            { "quota.get.v1", YouTubeAnalytics.Actors.Quota.QuotaQueries.GetQuota.Instance },
            {
                "bot.state.v1",
                BotState.Empty.Apply(new BotEvents.ThresholdSet(42, -100123, 12.5m, Samples.T0))
                    .Apply(new BotEvents.VideoMuted(43, 555, Samples.Id, Samples.T0.AddHours(6), Samples.T0))
            },
        };
    }

    private static YouTubeAnalytics.Actors.Quota.QuotaLedger Ledger() =>
        YouTubeAnalytics.Actors.Quota.QuotaLedger.Empty(new DateOnly(2026, 6, 3))
            .Apply(new YouTubeAnalytics.Actors.Quota.QuotaEvents.UnitsSpent(new DateOnly(2026, 6, 3), "data-api", "video-refresh", 3))
            .Apply(new YouTubeAnalytics.Actors.Quota.QuotaEvents.UnitsSpent(new DateOnly(2026, 6, 3), "data-api", "expansion", 1))
            .Apply(new YouTubeAnalytics.Actors.Quota.QuotaEvents.BucketExhausted(new DateOnly(2026, 6, 3), "batch-get-stats", Samples.T0));

    [Theory]
    [MemberData(nameof(Messages))]
    public void Should_round_trip_with_a_frozen_manifest(string manifest, object message)
    {
        Assert.Equal(manifest, _serializer.Manifest(message));

        var copy = _serializer.FromBinary(_serializer.ToBinary(message), manifest);

        // Records with arrays compare by reference, so compare their serialized forms as well as their types.
        Assert.IsType(message.GetType(), copy);
        Assert.Equal(_serializer.ToBinary(message), _serializer.ToBinary(copy));
        if (message is not (VideoEvents.AlertRaised or NotifierCommands.AlertPushed or VideoState or VideoQueries.VideoStatsReply or NotifierState
            or WatchlistEvents.VideosDiscovered or WatchlistEvents.NewUploadFound or WatchlistCommands.RecordDiscovered or WatchlistCommands.DiscoveredRecorded
            or WatchlistQueries.WatchlistReply or BotState
            or YouTubeAnalytics.Actors.Quota.QuotaLedger or YouTubeAnalytics.Actors.Quota.QuotaCommands.Reservation))
            Assert.Equal(message, copy);
    }

    [Fact]
    public void Should_read_a_watchlist_reply_of_a_node_that_knows_no_target_health()
    {
        // watchlist.reply.v1 as written before target health existed: the same manifest gained an optional field.
        var previous = """{"targets":[{"kind":"playlist","id":"PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf"}],"videoIds":["dQw4w9WgXcQ"]}"""u8.ToArray();

        var read = Assert.IsType<WatchlistQueries.WatchlistReply>(_serializer.FromBinary(previous, "watchlist.reply.v1"));

        Assert.Empty(read.Health);
        Assert.Equal("pending", read.HealthOf(WatchTarget.Playlist("PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf")).State);
    }

    [Fact]
    public void Should_read_a_notifier_snapshot_written_before_per_recipient_progress()
    {
        // notifier.state.v1 as the code before per-recipient progress wrote it: the manifest gained the optional recipients.
        var previous = """{"offset":42,"deliveredCount":3,"recentAlertIds":["a","b","abc"]}"""u8.ToArray();

        var read = Assert.IsType<NotifierState>(_serializer.FromBinary(previous, "notifier.state.v1"));

        Assert.Equal(42, read.Offset);
        Assert.Empty(read.RecipientProgress);
        Assert.Equal(42, read.ResumeAfter);
        Assert.False(read.Needs("telegram:111", "abc", 42)); // delivered before: no chat is owed it
        Assert.True(read.Needs("telegram:111", "new", 43));
    }

    [Fact]
    public void Should_read_a_notifier_status_of_a_node_that_knows_no_owed_alerts()
    {
        var previous = """{"offset":42,"deliveredCount":3,"pending":1,"pendingAttempts":2}"""u8.ToArray();

        var read = Assert.IsType<NotifierQueries.NotifierStatus>(_serializer.FromBinary(previous, "notifier.status.v1"));

        Assert.Equal(3, read.DeliveredCount);
        Assert.Null(read.Owed);
    }

    [Fact]
    public void Should_cover_every_protocol_message_type()
    {
        var protocolTypes = typeof(IProtocolMessage).Assembly.GetTypes()
            .Where(t => typeof(IProtocolMessage).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false });
        var tested = Messages().Select(row => row.Data.Item2.GetType());

        Assert.Empty(protocolTypes.Except(tested));
        Assert.Empty(protocolTypes.Except(ProtocolSerializer.Manifests.Keys));
    }

    [Fact]
    public void Should_be_the_serializer_bound_to_protocol_messages()
    {
        using var system = ActorSystem.Create("bound", Akka.Configuration.ConfigurationFactory.ParseString($$"""
            akka.actor.serializers.yta = "{{typeof(ProtocolSerializer).AssemblyQualifiedName}}"
            akka.actor.serialization-bindings { "{{typeof(IProtocolMessage).AssemblyQualifiedName}}" = yta }
            """));
        var serializer = system.Serialization.FindSerializerFor(new VideoQueries.GetVideoStats(Samples.Id));
        Assert.IsType<ProtocolSerializer>(serializer);
    }

    [Fact]
    public void Should_read_a_video_snapshot_written_before_it_had_a_history_index()
    {
        var state = VideoState.Empty(Samples.Id);
        foreach (var (sample, sequenceNr) in new[] { (Samples.At(0, 990_000), 1L), (Samples.At(60, 1_050_000), 2L) })
            if (state.Process(sample, AlertSettings.Default, Samples.T0.AddDays(1)) is SampleDecision.Accept a)
                foreach (var e in a.Events)
                    state = state.Apply(e, sequenceNr);
        Assert.NotEqual(HistoryIndex.Empty, state.HistoryMarks);

        // The previous code wrote video.state.v1 without the "history" field.
        var json = System.Text.Json.Nodes.JsonNode.Parse(_serializer.ToBinary(state))!.AsObject();
        Assert.True(json.Remove("history"), "today's snapshot carries the history index under \"history\"");
        var previous = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());

        var read = Assert.IsType<VideoState>(_serializer.FromBinary(previous, "video.state.v1"));
        Assert.Equal(HistoryIndex.Empty, read.HistoryMarks);
        Assert.Equal(_serializer.ToBinary(state with { History = null }), _serializer.ToBinary(read));
    }

    [Fact]
    public void Should_read_an_alert_written_before_channels_as_a_video_alert()
    {
        var alert = (VideoEvents.AlertRaised)Messages().Single(row => row.Data.Item1 == "video.alert-raised.v1").Data.Item2;

        // The previous code wrote video.alert-raised.v1 without "subject" and "subscriberCount".
        var json = System.Text.Json.Nodes.JsonNode.Parse(_serializer.ToBinary(alert))!.AsObject();
        var inner = json["alert"]!.AsObject();
        Assert.Equal("video", inner["subject"]!.GetValue<string>());
        Assert.True(inner.Remove("subject") && inner.Remove("subscriberCount"));
        var previous = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());

        var read = Assert.IsType<VideoEvents.AlertRaised>(_serializer.FromBinary(previous, "video.alert-raised.v1"));
        Assert.Equal(AlertSubject.Video, read.Alert.Subject);
        Assert.Null(read.Alert.SubscriberCount);
        Assert.Equal(_serializer.ToBinary(alert), _serializer.ToBinary(read));
    }

    [Fact]
    public void Should_read_a_channel_alert_with_its_subject()
    {
        var state = ChannelState.Empty(ChannelSamples.Id);
        var events = new[] { ChannelSamples.At(0, 990_000), ChannelSamples.At(30, 1_000_000) }
            .SelectMany(s =>
            {
                var decided = Assert.IsType<ChannelDecision.Accept>(state.Process(s, ChannelAlertSettings.Default, Samples.T0.AddDays(1)));
                foreach (var e in decided.Events) state = state.Apply(e);
                return decided.Events;
            }).ToList();
        var raised = Assert.Single(events.OfType<VideoEvents.AlertRaised>());

        var read = Assert.IsType<VideoEvents.AlertRaised>(_serializer.FromBinary(_serializer.ToBinary(raised), "video.alert-raised.v1"));
        Assert.Equal(AlertSubject.Channel, read.Alert.Subject);
        Assert.Equal(1_000_000, read.Alert.SubscriberCount);
        Assert.Contains("\"subject\":\"channel\"", System.Text.Encoding.UTF8.GetString(_serializer.ToBinary(raised)));
    }

    [Fact]
    public void Should_refuse_an_unknown_manifest()
    {
        Assert.Throws<System.Runtime.Serialization.SerializationException>(() => _serializer.FromBinary("{}"u8.ToArray(), "video.nope.v9"));
    }
}
