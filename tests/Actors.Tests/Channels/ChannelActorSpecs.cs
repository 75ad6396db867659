using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Channels;
using YouTubeAnalytics.Actors.Persistence;
using YouTubeAnalytics.Actors.Tests.Support;
using static YouTubeAnalytics.Actors.Tests.Support.ChannelSamples;

namespace YouTubeAnalytics.Actors.Tests.Channels;

public sealed class SqliteChannelActorSpecs(ITestOutputHelper output) : ChannelActorSpecs(JournalProvider.Sqlite, output);

public sealed class PostgresChannelActorSpecs(ITestOutputHelper output) : ChannelActorSpecs(JournalProvider.PostgreSql, output);

/// <summary>The ChannelActor on a real journal: acks after the persist, its alerts on the "alert" tag, state recovered.</summary>
public abstract class ChannelActorSpecs(JournalProvider provider, ITestOutputHelper output) : JournalSpec(provider, output)
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = new(Samples.T0.AddDays(1));

    private IActorRef StartChannel(int snapshotEvery = 100) =>
        Sys.ActorOf(ChannelActor.PropsFor(Id, ChannelActorSettings.Default with { SnapshotEvery = snapshotEvery }, _clock));

    private static async Task<object> Offer(IActorRef channel, YouTubeAnalytics.Actors.Contracts.ChannelStatsObserved sample) =>
        await channel.Ask<object>(new ChannelCommands.RecordStats(sample), TimeSpan.FromSeconds(10));

    private static async Task<ChannelState> StateOf(IActorRef channel) =>
        (await channel.Ask<ChannelQueries.ChannelStatsReply>(new ChannelQueries.GetChannelStats(Id), TimeSpan.FromSeconds(10))).State;

    [Fact]
    public async Task Should_persist_a_milestone_alert_on_the_alert_tag_once_across_a_restart()
    {
        var channel = StartChannel(snapshotEvery: 2);
        Assert.Null(Assert.IsType<ChannelCommands.StatsAccepted>(await Offer(channel, At(0, 990_000))).AlertId);
        var raised = Assert.IsType<ChannelCommands.StatsAccepted>(await Offer(channel, At(30, 1_000_000)));
        Assert.NotNull(raised.AlertId);
        Assert.IsType<ChannelCommands.StatsIgnored>(await Offer(channel, At(30, 1_000_000)));
        var before = await StateOf(channel);
        await StopAsync(channel);

        channel = StartChannel(snapshotEvery: 2);
        Assert.Equal(before, await StateOf(channel));
        // After recovery the milestone is behind it: a dip and recovery raise nothing.
        Assert.Null(Assert.IsType<ChannelCommands.StatsAccepted>(await Offer(channel, At(60, 995_000))).AlertId);
        Assert.Null(Assert.IsType<ChannelCommands.StatsAccepted>(await Offer(channel, At(90, 1_000_000))).AlertId);

        var alert = (await AlertTagSource.After(AlertTagSource.ReadJournal(Sys), 0)
            .Take(1).RunWith(Sink.First<RaisedAlert>(), Sys.Materializer()).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).Alert;
        Assert.Equal(raised.AlertId, alert.AlertId);
        Assert.Equal(AlertSubject.Channel, alert.Subject);
        Assert.Equal("milestone:subscribers:1000000", Assert.Single(alert.Breaches).Rule);
        var persistenceId = ChannelActor.PersistenceIdFor(Id);
        Assert.Equal(1, Scalar($"SELECT COUNT(*) FROM journal WHERE persistence_id = '{persistenceId}' AND manifest = 'video.alert-raised.v1'"));
        Assert.Equal(4, Scalar($"SELECT COUNT(*) FROM journal WHERE persistence_id = '{persistenceId}' AND manifest = 'channel.stats-recorded.v1'"));
    }
}
