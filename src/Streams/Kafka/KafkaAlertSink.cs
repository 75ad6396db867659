using System.Text;
using Confluent.Kafka;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Contracts;

namespace YouTubeAnalytics.Streams.Kafka;

/// <summary>
/// Publishes each alert as SignificantActivity to the processed topic (key = videoId, header alertId), then hands
/// the batch to the inner sink (the log, Telegram) with the notifier's progress callback, so the inner sink's
/// per-message progress reaches the notifier. Both sit inside one delivery of the notifier: a batch counts as
/// delivered only when both are done.
/// </summary>
/// <remarks>
/// What was published is remembered (the last <paramref name="rememberedPublications"/> alert ids): one delivery
/// attempt publishes each alertId at most once, and a retry after the inner sink failed publishes only what is not
/// published yet. Each acknowledged publication is reported to the notifier as received by the topic
/// (<see cref="AlertProgress.Received"/>), so after a process restart an alert published but not yet delivered to the
/// inner sink is not published again; only one acknowledged at the instant of a crash may be (consumers dedupe by the
/// alertId header).
/// </remarks>
public sealed class KafkaAlertSink(IProducer<byte[]?, byte[]?> producer, string topic, IAlertSink inner, int rememberedPublications = 10_000)
    : IAlertSink
{
    public const string AlertIdHeader = "alertId";

    private readonly RecentIds _published = new(rememberedPublications);

    public string Name => $"kafka+{inner.Name}";

    /// <summary>The sink each batch goes to after it is published.</summary>
    public IAlertSink Inner => inner;

    /// <summary>The name the processed topic's progress is kept under by the notifier.</summary>
    public string Recipient => "kafka:" + topic;

    public async Task DeliverAsync(IReadOnlyList<Alert> alerts, AlertProgress progress, CancellationToken cancellationToken)
    {
        var unpublished = alerts.Where(a => !_published.Contains(a.AlertId) && progress.Needs(Recipient, a.AlertId))
            .DistinctBy(a => a.AlertId).ToList();
        // Produced together, awaited together: the idempotent producer keeps a video's alerts in order. Each one
        // acknowledged is remembered at once, so a partly failed publication is completed, not repeated, on retry.
        await Task.WhenAll(unpublished.Select(async alert =>
        {
            await producer.ProduceAsync(topic, Message(alert), cancellationToken).ConfigureAwait(false);
            _published.Add(alert.AlertId);
            progress.Received(Recipient, [alert.AlertId]); // persisted by the notifier: not published again after a restart
        })).ConfigureAwait(false);
        await inner.DeliverAsync(alerts, progress, cancellationToken).ConfigureAwait(false);
    }

    public static Message<byte[]?, byte[]?> Message(Alert alert) => new()
    {
        Key = Encoding.UTF8.GetBytes(alert.VideoId),
        Value = SignificantActivity.From(alert).Encode(),
        Headers = new Headers { { AlertIdHeader, Encoding.UTF8.GetBytes(alert.AlertId) } },
    };

    /// <summary>The last N ids added, thread-safe (produce acknowledgements arrive on librdkafka's threads).</summary>
    private sealed class RecentIds(int capacity)
    {
        private readonly Lock _lock = new();
        private readonly HashSet<string> _ids = [];
        private readonly Queue<string> _order = new();

        public bool Contains(string id)
        {
            lock (_lock)
                return _ids.Contains(id);
        }

        public void Add(string id)
        {
            lock (_lock)
            {
                if (!_ids.Add(id))
                    return;
                _order.Enqueue(id);
                if (_order.Count > capacity)
                    _ids.Remove(_order.Dequeue());
            }
        }
    }
}
