using System.Collections.Frozen;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Bot;
using YouTubeAnalytics.Actors.Channels;
using YouTubeAnalytics.Actors.Quota;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Actors.Watchlist;

namespace YouTubeAnalytics.Actors.Serialization;

/// <summary>
/// System.Text.Json with frozen string manifests. A manifest names a shape and its version ("….v1"); it never
/// changes once written. A new shape gets a new manifest and the old one keeps being readable.
/// </summary>
public sealed class ProtocolSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int SerializerId = 4711;
    public const string Name = "youtube-analytics";

    public static readonly FrozenDictionary<Type, string> Manifests = new Dictionary<Type, string>
    {
        [typeof(VideoEvents.SampleRecorded)] = "video.sample-recorded.v1",
        [typeof(VideoEvents.AlertRaised)] = "video.alert-raised.v1",
        [typeof(VideoEvents.HistoryForgotten)] = "video.history-forgotten.v1",
        [typeof(VideoCommands.ExpireHistory)] = "video.expire-history.v1",
        [typeof(VideoCommands.HistoryExpiryAnswered)] = "video.history-expiry-answered.v1",
        [typeof(VideoState)] = "video.state.v1",
        [typeof(VideoCommands.RecordSample)] = "video.record-sample.v1",
        [typeof(VideoCommands.SampleAccepted)] = "video.sample-accepted.v1",
        [typeof(VideoCommands.SampleIgnored)] = "video.sample-ignored.v1",
        [typeof(VideoQueries.GetVideoStats)] = "video.get-stats.v1",
        [typeof(VideoQueries.VideoStatsReply)] = "video.stats-reply.v1",
        [typeof(VideoQueries.GetHistoryRange)] = "video.get-history-range.v1",
        [typeof(VideoQueries.HistoryRange)] = "video.history-range.v1",
        [typeof(NotifierEvents.AlertDelivered)] = "notifier.alert-delivered.v1",
        [typeof(NotifierEvents.AlertReceived)] = "notifier.alert-received.v1",
        [typeof(NotifierEvents.AlertOwed)] = "notifier.alert-owed.v1",
        [typeof(NotifierEvents.RecipientMoved)] = "notifier.recipient-moved.v1",
        [typeof(NotifierEvents.AlertLocated)] = "notifier.alert-located.v1",
        [typeof(NotifierCommands.AlertPushed)] = "notifier.alert-pushed.v1",
        [typeof(NotifierState)] = "notifier.state.v1",
        [typeof(NotifierQueries.GetNotifierStatus)] = "notifier.get-status.v1",
        [typeof(NotifierQueries.NotifierStatus)] = "notifier.status.v1",
        [typeof(WatchlistEvents.WatchAdded)] = "watchlist.watch-added.v1",
        [typeof(WatchlistEvents.WatchRemoved)] = "watchlist.watch-removed.v1",
        [typeof(WatchlistEvents.VideosDiscovered)] = "watchlist.videos-discovered.v1",
        [typeof(WatchlistEvents.NewUploadFound)] = "watchlist.new-upload-found.v1",
        [typeof(WatchlistEvents.TargetChecked)] = "watchlist.target-checked.v1",
        [typeof(WatchlistCommands.RecordTargetHealth)] = "watchlist.record-target-health.v1",
        [typeof(WatchlistCommands.TargetHealthRecorded)] = "watchlist.target-health-recorded.v1",
        [typeof(WatchlistCommands.AddWatch)] = "watchlist.add.v1",
        [typeof(WatchlistCommands.RemoveWatch)] = "watchlist.remove.v1",
        [typeof(WatchlistCommands.RecordDiscovered)] = "watchlist.record-discovered.v1",
        [typeof(WatchlistCommands.WatchChanged)] = "watchlist.changed.v1",
        [typeof(WatchlistCommands.DiscoveredRecorded)] = "watchlist.discovered-recorded.v1",
        [typeof(WatchlistQueries.GetWatchlist)] = "watchlist.get.v1",
        [typeof(WatchlistQueries.WatchlistReply)] = "watchlist.reply.v1",
        [typeof(BotEvents.UpdateHandled)] = "bot.update-handled.v1",
        [typeof(BotEvents.ThresholdSet)] = "bot.threshold-set.v1",
        [typeof(BotEvents.VideoMuted)] = "bot.video-muted.v1",
        [typeof(BotState)] = "bot.state.v1",
        [typeof(Persistence.JournalProbeMessages.ProbeWritten)] = "journal-probe.written.v1",
        [typeof(ChannelEvents.StatsRecorded)] = "channel.stats-recorded.v1",
        [typeof(ChannelState)] = "channel.state.v1",
        [typeof(ChannelCommands.RecordStats)] = "channel.record-stats.v1",
        [typeof(ChannelCommands.StatsAccepted)] = "channel.stats-accepted.v1",
        [typeof(ChannelCommands.StatsIgnored)] = "channel.stats-ignored.v1",
        [typeof(ChannelQueries.GetChannelStats)] = "channel.get-stats.v1",
        [typeof(ChannelQueries.ChannelStatsReply)] = "channel.stats-reply.v1",
        [typeof(Alerts.Summary.DailySummaryEvents.Scheduled)] = "daily-summary.scheduled.v1",
        [typeof(Alerts.Summary.DailySummaryEvents.Sent)] = "daily-summary.sent.v1",
        [typeof(QuotaEvents.UnitsSpent)] = "quota.units-spent.v1",
        [typeof(QuotaEvents.BucketExhausted)] = "quota.bucket-exhausted.v1",
        [typeof(QuotaLedger)] = "quota.ledger.v1",
        [typeof(QuotaCommands.Reserve)] = "quota.reserve.v1",
        [typeof(QuotaCommands.Reservation)] = "quota.reservation.v1",
        [typeof(QuotaCommands.Exhaust)] = "quota.exhaust.v1",
        [typeof(QuotaQueries.GetQuota)] = "quota.get.v1",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, Type> TypesByManifest =
        Manifests.ToFrozenDictionary(kv => kv.Value, kv => kv.Key);

    internal static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public override int Identifier => SerializerId;

    public override string Manifest(object o) =>
        Manifests.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"{o.GetType()} has no manifest in {nameof(ProtocolSerializer)}");

    public override byte[] ToBinary(object obj)
    {
        _ = Manifest(obj); // refuse types without a frozen manifest before writing anything
        return JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);
    }

    public override object FromBinary(byte[] bytes, string manifest) =>
        TypesByManifest.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, Options)
              ?? throw new SerializationException($"Manifest {manifest} decoded to null")
            : throw new SerializationException($"Unknown manifest '{manifest}'");
}
