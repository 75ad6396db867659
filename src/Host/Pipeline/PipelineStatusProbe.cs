using Akka.Actor;
using Akka.Hosting;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Quota;
using YouTubeAnalytics.Api.Pipeline;
using YouTubeAnalytics.Api.Service;
using YouTubeAnalytics.Host.Composition;
using YouTubeAnalytics.Host.Configuration;
using YouTubeAnalytics.Streams.Ingest;
using YouTubeAnalytics.Streams.Kafka;
using YouTubeAnalytics.Streams.Telegram;
using YouTubeAnalytics.Streams.YouTube;

namespace YouTubeAnalytics.Host.Pipeline;

/// <summary>Asks this node's view of each stage (singletons through their proxies) with a short timeout each.</summary>
/// <remarks>Which stages there are, and what the ingest stage counts, is <see cref="NodeTopology"/>'s to say.</remarks>
public sealed class PipelineStatusProbe(ServiceInfo info, NodeTopology topology, IActorRegistry registry, IServiceProvider services, TimeProvider clock)
    : IPipelineStatusProbe
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(3);

    public async Task<PipelineStatusDto> ProbeAsync(CancellationToken cancellationToken)
    {
        var stages = new List<StageDto>();
        var ingest = await AskAsync<IngestPipeline, IngestStatus>(GetIngestStatus.Instance, cancellationToken);
        stages.Add(ingest is null
            ? new StageDto("ingest", false, "the ingest singleton did not answer")
            : new StageDto("ingest", true, topology.Delivery == SampleDelivery.RawTopic
                ? $"source {ingest.Source}: {ingest.Published} samples published to the raw topic"
                : $"source {ingest.Source}: {ingest.Accepted} samples accepted, {ingest.Ignored} ignored"));

        IngestStatus? consumer = null;
        if (topology.Consumer && registry.TryGet<KafkaConsumerPipeline>(out var kafka))
        {
            consumer = await AskAsync<IngestStatus>(kafka, GetIngestStatus.Instance, cancellationToken);
            stages.Add(consumer is null
                ? new StageDto("kafka-consumer", false, "this node's consumer did not answer")
                : new StageDto("kafka-consumer", true, $"{consumer.Source}: {consumer.Accepted} samples accepted, {consumer.Ignored} ignored, {consumer.DeadLettered} dead-lettered on this node"));
        }

        var notifier = await AskAsync<NotifierActor, NotifierQueries.NotifierStatus>(NotifierQueries.GetNotifierStatus.Instance, cancellationToken);
        stages.Add(notifier is null
            ? new StageDto("alert-notifier", false, "the notifier singleton did not answer")
            : new StageDto("alert-notifier", true, $"into {info.AlertSink}: {notifier.DeliveredCount} delivered, {notifier.Pending} pending"));

        var counted = consumer ?? ingest;
        var quota = topology.Source == SampleSourceKind.YouTube && services.GetService<QuotaBudget>() is { } budget
            ? await QuotaAsync(budget, services.Get<YouTubeOptions>().Stats, cancellationToken)
            : null;
        var telegram = TelegramAlertSink.Within(services.GetService<IAlertSink>());
        return new PipelineStatusDto(topology.ModeName, info.Source, stages,
            ingest?.LastSampleAt ?? consumer?.LastSampleAt,
            counted?.Accepted ?? 0, counted?.Ignored ?? 0, counted?.Alerts ?? 0, notifier?.DeliveredCount ?? 0,
            quota, topology.Mode == PipelineMode.Kafka ? await services.GetRequiredService<KafkaConsumerLag>().MeasureAsync(cancellationToken) : null,
            consumer?.DeadLettered, telegram?.ParkedChats.Count, TelegramChats(telegram));
    }

    /// <summary>The project's quota as its owner has it (the last figures seen if it does not answer within the ask timeout).</summary>
    private async Task<QuotaDto> QuotaAsync(QuotaBudget budget, StatsEndpoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(AskTimeout);
            await budget.ReadAsync(bounded.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A singleton handover: the figures last seen.
        }
        var ledger = budget.Ledger;
        string[] inUse = endpoint == StatsEndpoint.VideosList ? [QuotaBuckets.DataApi] : [QuotaBuckets.DataApi, QuotaBuckets.BatchGetStats];
        return new QuotaDto(budget.Spent, budget.Limit, budget.Remaining, clock.GetUtcNow() + budget.UntilReset, budget.BlockedUntil)
        {
            Buckets = [.. inUse.Concat(ledger.Buckets.Keys).Distinct().Select(name => new QuotaBucketDto(name, budget.SpentOf(name), budget.Limits.Of(name),
                budget.RemainingOf(name), budget.BlockedUntilOf(name), ledger.Bucket(name).ByPurpose))],
        };
    }

    private static List<TelegramChatDto>? TelegramChats(TelegramAlertSink? telegram)
    {
        if (telegram is null)
            return null;
        var parked = telegram.ParkedChats.ToDictionary(p => p.ChatId);
        return [.. telegram.Routes.Select(r => parked.TryGetValue(r.Key, out var p)
            ? new TelegramChatDto(r.Key, r.Value, p.Reason, p.Since, p.RetryAt, p.HeldAlerts)
            : new TelegramChatDto(r.Key, r.Value, null, null, null, 0))];
    }

    private async Task<TReply?> AskAsync<TActor, TReply>(object message, CancellationToken cancellationToken) where TReply : class =>
        registry.TryGet<TActor>(out var actor) ? await AskAsync<TReply>(actor, message, cancellationToken) : null;

    private static async Task<TReply?> AskAsync<TReply>(IActorRef actor, object message, CancellationToken cancellationToken) where TReply : class
    {
        try
        {
            return await actor.Ask<TReply>(message, AskTimeout, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}
