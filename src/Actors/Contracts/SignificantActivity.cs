using System.Text.Json;
using System.Xml;
using YouTubeAnalytics.Actors.Alerts;

namespace YouTubeAnalytics.Actors.Contracts;

/// <summary>
/// What the alert projection publishes to youtube-processed-data (DESIGN.md contract, schema 1): one record per
/// alert, carrying the alert's primary breach (the first rule that fired: a change of views, likes, comments, then
/// a milestone) and, in <see cref="Rules"/>, every rule that fired. <see cref="AlertId"/> is the idempotence key.
/// </summary>
public sealed record SignificantActivity(
    string AlertId,
    string VideoId,
    string? Title,
    string Rule,
    string Metric,
    long Previous,
    long Current,
    long DeltaAbs,
    decimal? DeltaPct,
    TimeSpan Window,
    DateTimeOffset ObservedAt,
    IReadOnlyList<string> Rules)
{
    public const int CurrentSchema = 1;

    public int Schema { get; init; } = CurrentSchema;

    /// <summary>"video", or "channel" for a channel's alert (then <see cref="VideoId"/> holds the channel id); additive.</summary>
    public string Subject { get; init; } = "video";

    /// <summary>The video's channel (the channel itself for a channel's alert); null when not known. Additive (issue 21).</summary>
    public string? ChannelId { get; init; }

    public static SignificantActivity From(Alert alert)
    {
        var primary = alert.Breaches[0];
        return new SignificantActivity(
            alert.AlertId, alert.VideoId, alert.Title, primary.Rule, primary.Metric.WireName(), primary.Previous,
            primary.Current, primary.DeltaAbs, primary.DeltaPct, primary.Window, alert.ObservedAt,
            [.. alert.Breaches.Select(b => b.Rule)])
        {
            Subject = alert.Subject == AlertSubject.Channel ? "channel" : "video",
            ChannelId = alert.ChannelId ?? (alert.Subject == AlertSubject.Channel ? alert.VideoId : null),
        };
    }

    /// <summary>The camelCase JSON wire form; <c>window</c> is an ISO 8601 duration such as "PT5M".</summary>
    public byte[] Encode()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("schema", Schema);
            w.WriteString("alertId", AlertId);
            w.WriteString("subject", Subject);
            w.WriteString("videoId", VideoId);
            if (ChannelId is null) w.WriteNull("channelId");
            else w.WriteString("channelId", ChannelId);
            if (Title is null) w.WriteNull("title");
            else w.WriteString("title", Title);
            w.WriteString("rule", Rule);
            w.WriteString("metric", Metric);
            w.WriteNumber("previous", Previous);
            w.WriteNumber("current", Current);
            w.WriteNumber("deltaAbs", DeltaAbs);
            if (DeltaPct is { } pct) w.WriteNumber("deltaPct", pct);
            else w.WriteNull("deltaPct");
            w.WriteString("window", XmlConvert.ToString(Window));
            w.WriteString("observedAt", ObservedAt.ToUniversalTime());
            w.WriteStartArray("rules");
            foreach (var rule in Rules)
                w.WriteStringValue(rule);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
