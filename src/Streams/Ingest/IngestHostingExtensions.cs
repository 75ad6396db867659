using Akka;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Streams.Dsl;
using Microsoft.Extensions.DependencyInjection;
using YouTubeAnalytics.Actors.Channels;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Persistence;
using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Streams.Ingest;

/// <summary>Marker for the source's pipeline singleton (its proxy on every node) in the ActorRegistry.</summary>
public sealed class IngestPipeline
{
    public const string Name = "ingest";
}

/// <summary>Where the source's samples go: a flow from samples to outcomes, built on each (re)start.</summary>
public delegate Flow<VideoStatsObserved, IngestOutcome, NotUsed> DeliveryFlow(
    ActorSystem system, IActorRegistry registry, IServiceProvider services, CancellationToken cancellationToken);

/// <summary>Where the channel samples go, beside the videos' <see cref="DeliveryFlow"/> in the same pipeline.</summary>
public delegate Flow<ChannelStatsObserved, IngestOutcome, NotUsed> ChannelDeliveryFlow(
    ActorSystem system, IActorRegistry registry, IServiceProvider services, CancellationToken cancellationToken);

public static class IngestHostingExtensions
{
    /// <summary>The embedded delivery of channel samples: each offered to its channel's actor.</summary>
    public static ChannelDeliveryFlow ToChannelShards(IngestSettings settings) =>
        (system, registry, _, cancellationToken) =>
            IngestFlows.ToChannelShards(registry.Get<ChannelRegion>(), settings, cancellationToken, JournalWriteSignal.For(system));

    /// <summary>The embedded delivery: each sample offered to its video's actor in the shards.</summary>
    public static DeliveryFlow ToVideoShards(IngestSettings settings) =>
        (system, registry, services, cancellationToken) => IngestFlows.ToVideoShards(
            registry.Get<VideoRegion>(), settings, services.GetService<TimeProvider>() ?? TimeProvider.System, cancellationToken,
            JournalWriteSignal.For(system));

    /// <summary>
    /// Runs the registered <see cref="IVideoStatsSource"/> through <paramref name="deliver"/> as a cluster singleton
    /// (on nodes of <paramref name="role"/>), owned by a <see cref="PipelineActor"/>. When an
    /// <see cref="IChannelStatsSource"/> is registered, its samples run through <paramref name="deliverChannels"/> in the
    /// same pipeline (merged: one restart, one kill switch, one set of counters).
    /// </summary>
    public static AkkaConfigurationBuilder WithIngestPipeline(
        this AkkaConfigurationBuilder builder, IngestSettings settings, DeliveryFlow deliver, string? role = null,
        ChannelDeliveryFlow? deliverChannels = null) =>
        builder.WithSingleton<IngestPipeline>(
            IngestPipeline.Name,
            (system, registry, resolver) =>
            {
                var source = resolver.GetService<IVideoStatsSource>();
                var services = resolver.GetService<IServiceProvider>();
                var channels = deliverChannels is null ? null : services.GetService<IChannelStatsSource>();
                return PipelineActor.PropsFor(
                    new PipelineDefinition(source.Name, (token, draining) =>
                    {
                        var videos = source.Open(draining).Via(deliver(system, registry, services, token));
                        return channels is null
                            ? videos
                            : videos.Merge(channels.Open(draining).Via(deliverChannels!(system, registry, services, token)));
                    }, Drains: true),
                    settings.Restart);
            },
            new ClusterSingletonOptions { Role = role },
            createProxyToo: true);

    /// <summary>Runs a pipeline on this node only (e.g. one consumer-group member), registered under <typeparamref name="TKey"/>.</summary>
    public static AkkaConfigurationBuilder WithNodePipeline<TKey>(
        this AkkaConfigurationBuilder builder, string name, IngestSettings settings,
        Func<ActorSystem, IActorRegistry, IServiceProvider, PipelineDefinition> define) =>
        builder.WithActors((system, registry, resolver) =>
        {
            var actor = system.ActorOf(
                PipelineActor.PropsFor(define(system, registry, resolver.GetService<IServiceProvider>()), settings.Restart), name);
            registry.Register<TKey>(actor);
        });
}
