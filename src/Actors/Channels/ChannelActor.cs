using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using YouTubeAnalytics.Actors.Resilience;
using YouTubeAnalytics.Actors.Serialization;
using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Actors.Channels;

/// <summary>How a ChannelActor evaluates and how often it snapshots.</summary>
public sealed record ChannelActorSettings(ChannelAlertSettings Alerts, int SnapshotEvery = 100)
{
    public static ChannelActorSettings Default { get; } = new(ChannelAlertSettings.Default);
}

/// <summary>
/// The sharded entity for one channel (persistence id "channel-{channelId}"). Thin, as the VideoActor: <see
/// cref="ChannelState"/> decides, this persists, applies and replies after the persist callback, so an ack means
/// "durable"; an alert is journalled as <see cref="VideoEvents.AlertRaised"/>, which the "alert" tag brings to the
/// notifier.
/// </summary>
public sealed class ChannelActor : ReceivePersistentActor
{
    private readonly ChannelActorSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private ChannelState _state;
    private long _lastSnapshotSequenceNr;
    private long _newestSavedSnapshot;

    public ChannelActor(string channelId, ChannelActorSettings settings, TimeProvider clock)
    {
        _settings = settings;
        _clock = clock;
        _state = ChannelState.Empty(channelId);
        PersistenceId = PersistenceIdFor(channelId);

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is ChannelState snapshot)
            {
                _state = snapshot;
                _lastSnapshotSequenceNr = offer.Metadata.SequenceNr;
            }
        });
        Recover<IChannelEvent>(e => _state = _state.Apply(e));
        Recover<VideoEvents.AlertRaised>(e => _state = _state.Apply(e));

        Command<ChannelCommands.RecordStats>(Handle);
        Command<ChannelQueries.GetChannelStats>(_ => Sender.Tell(new ChannelQueries.ChannelStatsReply(_state)));
        Command<VideoPassivation.Stop>(_ => Context.Stop(Self));
        // Below the newest snapshot saved so far: two saves in flight may complete in either order (as in VideoActor).
        Command<SaveSnapshotSuccess>(s =>
        {
            _newestSavedSnapshot = Math.Max(_newestSavedSnapshot, s.Metadata.SequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(_newestSavedSnapshot - 1));
        });
        Command<SaveSnapshotFailure>(f => _log.Warning(f.Cause, "Snapshot of {0} failed", PersistenceId));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning(f.Cause, "Deleting old snapshots of {0} failed", PersistenceId));
    }

    public override string PersistenceId { get; }

    public static string PersistenceIdFor(string channelId) => $"channel-{channelId}";

    public static Props PropsFor(string channelId, ChannelActorSettings settings, TimeProvider clock) =>
        Props.Create(() => new ChannelActor(channelId, settings, clock));

    private void Handle(ChannelCommands.RecordStats cmd)
    {
        var sample = cmd.Stats;
        switch (_state.Process(sample, _settings.Alerts, ReferenceClock.Of(_clock).Read(VideoActorSettings.DefaultClockTolerance).Reference))
        {
            case ChannelDecision.Ignore ignore:
                if (ignore.IsSuspicious)
                    _log.Warning("Ignored a sample for channel {0} observed at {1:O}: {2}", _state.ChannelId, sample.ObservedAt, ignore.Reason);
                Sender.Tell(new ChannelCommands.StatsIgnored(_state.ChannelId, sample.ObservedAt, ignore.Reason));
                break;

            case ChannelDecision.Accept accept:
                var replyTo = Sender;
                string? alertId = null;
                PersistAll<IProtocolMessage>(accept.Events, evt =>
                {
                    _state = _state.Apply(evt);
                    if (evt is VideoEvents.AlertRaised raised)
                        alertId = raised.Alert.AlertId;
                });
                DeferAsync(accept, _ =>
                {
                    replyTo.Tell(new ChannelCommands.StatsAccepted(_state.ChannelId, sample.ObservedAt, alertId));
                    if (LastSequenceNr - _lastSnapshotSequenceNr < _settings.SnapshotEvery)
                        return;
                    _lastSnapshotSequenceNr = LastSequenceNr;
                    SaveSnapshot(_state); // events stay: they are the channel's history
                });
                break;
        }
    }
}
