using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace YouTubeAnalytics.Api.Pipeline;

/// <summary>One stage of the pipeline: whether it answers, and what it counted.</summary>
public sealed record StageDto(string Name, bool Running, string Detail);

/// <summary>
/// One configured Telegram chat: where it is delivered now (a migrated group's new id), and when it refuses messages
/// (parked) why, since when, its next try and how many alerts it holds.
/// </summary>
public sealed record TelegramChatDto(
    long ChatId, long DeliveredTo, string? ParkedReason, DateTimeOffset? ParkedSince, DateTimeOffset? RetryAt, int HeldAlerts);

/// <summary>
/// The Google project's quota today (the same on every node: its one owner is asked). Used/Limit/Left/BlockedUntil are
/// the Data API bucket's; <paramref name="Buckets"/> has each bucket in use, with its units by purpose.
/// </summary>
public sealed record QuotaDto(int Used, int Limit, int Left, DateTimeOffset ResetsAt, DateTimeOffset? BlockedUntil)
{
    public IReadOnlyList<QuotaBucketDto> Buckets { get; init; } = [];
}

/// <summary>One quota bucket ("data-api", "batch-get-stats"): units used by purpose (video-refresh, live, expansion, channel-stats, target-check).</summary>
public sealed record QuotaBucketDto(string Bucket, int Used, int Limit, int Left, DateTimeOffset? BlockedUntil, IReadOnlyDictionary<string, int> UsedByPurpose);

/// <summary>
/// GET /pipeline/status (the seed's /ksqldb/status): stages running, samples taken, the last one, YouTube quota used
/// and left (null on the demo source), and in Kafka mode the consumer group's lag on the raw topic (high watermarks minus committed offsets; null when
/// not in Kafka mode or the brokers did not answer) and the records this node's consumer dead-lettered (null when it
/// has no consumer); the Telegram chats parked (refusing messages for good) and each alert chat's delivery (both null
/// without Telegram).
/// </summary>
public sealed record PipelineStatusDto(
    string Mode,
    string Source,
    IReadOnlyList<StageDto> Stages,
    DateTimeOffset? LastSampleAt,
    long SamplesAccepted,
    long SamplesIgnored,
    long AlertsRaised,
    long AlertsDelivered,
    QuotaDto? Quota,
    long? ConsumerLag,
    long? DeadLettered = null,
    int? ParkedChats = null,
    IReadOnlyList<TelegramChatDto>? TelegramChats = null);

/// <summary>Asks the running stages (they live in the host's composition, which the API does not reference).</summary>
public interface IPipelineStatusProbe
{
    Task<PipelineStatusDto> ProbeAsync(CancellationToken cancellationToken);
}

public static class PipelineApi
{
    public static IEndpointRouteBuilder MapPipelineApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/pipeline/status", GetStatus).WithTags("Pipeline").WithName("GetPipelineStatus")
            .WithSummary("Stages running, samples and alerts counted, last sample, YouTube quota used and left");
        return app;
    }

    private static async Task<Ok<PipelineStatusDto>> GetStatus(IPipelineStatusProbe probe, HttpContext http) =>
        TypedResults.Ok(await probe.ProbeAsync(http.RequestAborted));
}
