using Akka.Actor;
using Akka.Event;
using Microsoft.Extensions.Hosting;
using AkkaCluster = Akka.Cluster.Cluster;
using ClusterEvent = Akka.Cluster.ClusterEvent;

namespace YouTubeAnalytics.Api.Cluster;

/// <summary>This node's <see cref="DowningHistory"/>, read by GET /cluster/members and written by <see cref="DowningObserver"/>.</summary>
public sealed class DowningLog
{
    private readonly Lock _writing = new();
    private DowningHistory _history = DowningHistory.Empty;

    public DowningHistory History => Volatile.Read(ref _history);

    internal void Downed(string address, DateTimeOffset at)
    {
        lock (_writing)
            Volatile.Write(ref _history, _history.Downed(address, at));
    }
}

/// <summary>Subscribes to MemberDowned and folds each into the log; nothing else.</summary>
internal sealed class DowningObserver : ReceiveActor
{
    public DowningObserver(DowningLog log, TimeProvider clock)
    {
        var logging = Context.GetLogger();
        Receive<ClusterEvent.MemberDowned>(e =>
        {
            logging.Warning("Member {0} downed (the split brain resolver's decision, or a manual down)", e.Member.Address);
            log.Downed(e.Member.Address.ToString(), clock.GetUtcNow());
        });
        Receive<ClusterEvent.CurrentClusterState>(_ => { });
    }

    protected override void PreStart() =>
        AkkaCluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot,
            typeof(ClusterEvent.MemberDowned));

    protected override void PostStop() => AkkaCluster.Get(Context.System).Unsubscribe(Self);
}

/// <summary>Starts the <see cref="DowningObserver"/> once the actor system runs (register after AddAkka).</summary>
public sealed class DowningWatch(DowningLog log, TimeProvider clock, IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var system = (ActorSystem)services.GetService(typeof(ActorSystem))!;
        system.ActorOf(Props.Create(() => new DowningObserver(log, clock)), "downing-observer");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
