using Akka.Actor;
using Akka.Hosting;

namespace YouTubeAnalytics.Actors.Alerts;

/// <summary>
/// How an entity tells the notifier of an alert it has just persisted, so the alert goes out without waiting for the
/// tag query. Fire-and-forget and never blocking: a push that is lost (no notifier yet, a node down, a full mailbox)
/// is caught by the tag query, which stays the backstop and owns the offset.
/// </summary>
public interface IAlertPush
{
    /// <summary>Called once the event raising <paramref name="alert"/> is in the journal, never before.</summary>
    void Push(Alert alert);
}

/// <summary>No push: alerts reach the notifier through the tag query alone.</summary>
public sealed class NoAlertPush : IAlertPush
{
    public static NoAlertPush Instance { get; } = new();

    public void Push(Alert alert)
    {
    }
}

/// <summary>
/// Tells the notifier through its singleton proxy, looked up in the <see cref="IActorRegistry"/> at each push (the
/// video region may start before the notifier's proxy is registered; until then nothing is pushed).
/// </summary>
public sealed class NotifierAlertPush(IActorRegistry registry) : IAlertPush
{
    public void Push(Alert alert)
    {
        if (registry.TryGet<NotifierActor>(out var notifier))
            notifier.Tell(new NotifierCommands.AlertPushed(alert), ActorRefs.NoSender);
    }
}
