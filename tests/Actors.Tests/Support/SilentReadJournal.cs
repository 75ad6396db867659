using Akka;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Query;
using Akka.Streams.Dsl;

namespace YouTubeAnalytics.Actors.Tests.Support;

/// <summary>
/// A read journal whose tag query never emits: a notifier on it sees only pushed alerts, as one whose tag query has not
/// reached them yet. <see cref="Hocon"/> registers it under <see cref="PluginId"/>.
/// </summary>
public sealed class SilentReadJournal : IReadJournal, IEventsByTagQuery
{
    public const string PluginId = "yta.silent-read-journal";

    public static string Hocon =>
        $"{PluginId} {{ class = \"{typeof(SilentReadJournalProvider).AssemblyQualifiedName}\" }}";

    public Source<EventEnvelope, NotUsed> EventsByTag(string tag, Offset offset) => Source.Never<EventEnvelope>();
}

/// <summary>Created by <see cref="PersistenceQuery"/> from the plugin's config.</summary>
public sealed class SilentReadJournalProvider(ExtendedActorSystem system, Config config) : IReadJournalProvider
{
    public ExtendedActorSystem System { get; } = system;

    public Config Config { get; } = config;

    public IReadJournal GetReadJournal() => new SilentReadJournal();
}
