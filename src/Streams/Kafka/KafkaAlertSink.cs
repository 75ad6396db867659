using System.Text;
using Confluent.Kafka;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Contracts;

namespace YouTubeAnalytics.Streams.Kafka;

/// <summary>
/// Publishes each alert as SignificantActivity to the processed topic (key = videoId, header alertId), then hands
/// the batch to the inner sink (the log, Telegram). Both sit inside one delivery of the notifier, so its
/// bookkeeping covers both: a batch counts as delivered only when both are done.
/// </summary>
public sealed class KafkaAlertSink(IProducer<byte[]?, byte[]?> producer, string topic, IAlertSink inner) : IAlertSink
{
    public const string AlertIdHeader = "alertId";

    public string Name => $"kafka+{inner.Name}";

    public async Task DeliverAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        // Produced together, awaited together: the idempotent producer keeps a video's alerts in order.
        await Task.WhenAll(alerts.Select(alert => producer.ProduceAsync(topic, Message(alert), cancellationToken))).ConfigureAwait(false);
        await inner.DeliverAsync(alerts, cancellationToken).ConfigureAwait(false);
    }

    public static Message<byte[]?, byte[]?> Message(Alert alert) => new()
    {
        Key = Encoding.UTF8.GetBytes(alert.VideoId),
        Value = SignificantActivity.From(alert).Encode(),
        Headers = new Headers { { AlertIdHeader, Encoding.UTF8.GetBytes(alert.AlertId) } },
    };
}
