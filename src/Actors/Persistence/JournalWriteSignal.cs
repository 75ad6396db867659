using Akka.Actor;

namespace YouTubeAnalytics.Actors.Persistence;

/// <summary>
/// "The journal accepts writes again", per actor system: the <see cref="JournalWriteProbe"/> reports each write it
/// tried, and a write accepted after a refused one completes <see cref="NextResume"/>. A sender that retries a write
/// through an actor (the ingest's offers) waits for its backoff or this signal, whichever comes first, so it resumes
/// within moments of the journal's return instead of after its longest backoff.
/// </summary>
public sealed class JournalWriteSignal : IExtension
{
    private TaskCompletionSource _resume = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _refused;

    /// <summary>Completes when a write is accepted after a refused one (the next outage gets a new task).</summary>
    public Task NextResume => Volatile.Read(ref _resume).Task;

    /// <summary>How many outages ended since the system started (a refused write followed by an accepted one).</summary>
    public int Resumes { get; private set; }

    public static JournalWriteSignal For(ActorSystem system) => system.WithExtension<JournalWriteSignal, JournalWriteSignalProvider>();

    public void Refused() => Volatile.Write(ref _refused, 1);

    public void Accepted()
    {
        if (Interlocked.Exchange(ref _refused, 0) == 0)
            return;
        Resumes++;
        Interlocked.Exchange(ref _resume, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}

public sealed class JournalWriteSignalProvider : ExtensionIdProvider<JournalWriteSignal>
{
    public override JournalWriteSignal CreateExtension(ExtendedActorSystem system) => new();
}
