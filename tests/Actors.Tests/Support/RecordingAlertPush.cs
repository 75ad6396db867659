using System.Collections.Concurrent;
using Akka.Actor;
using YouTubeAnalytics.Actors.Alerts;

namespace YouTubeAnalytics.Actors.Tests.Support;

/// <summary>
/// A video's push seam that records each alert pushed and, when given a notifier, tells it (as the singleton proxy
/// would); without one the push is lost, as a message to a notifier that is down would be.
/// </summary>
public sealed class RecordingAlertPush(IActorRef? notifier = null) : IAlertPush
{
    public ConcurrentQueue<Alert> Pushed { get; } = new();

    public void Push(Alert alert)
    {
        Pushed.Enqueue(alert);
        notifier?.Tell(new NotifierCommands.AlertPushed(alert), ActorRefs.NoSender);
    }
}
