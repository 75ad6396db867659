using System.Text.Json;
using YouTubeAnalytics.Actors.Channels;
using static YouTubeAnalytics.Actors.Contracts.VideoStatsObservedCodec;

namespace YouTubeAnalytics.Actors.Contracts;

/// <summary>
/// Reads and writes the ChannelStatsObserved wire format (<c>"kind": "channel"</c> on the raw topic), strict as the
/// video codec: schema, id, counts and timestamps checked, unknown fields accepted.
/// </summary>
public static class ChannelStatsObservedCodec
{
    public static byte[] Encode(ChannelStatsObserved sample)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("schema", sample.Schema);
            w.WriteString("kind", RawRecordKind.Channel);
            w.WriteString("channelId", sample.ChannelId);
            WriteNullableString(w, "title", sample.Title);
            WriteNullableNumber(w, "subscriberCount", sample.SubscriberCount);
            w.WriteNumber("viewCount", sample.ViewCount);
            w.WriteNumber("videoCount", sample.VideoCount);
            w.WriteString("observedAt", sample.ObservedAt.ToUniversalTime());
            w.WriteString("source", sample.Source);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>Decodes one record; on failure <paramref name="error"/> says what is wrong, naming the field.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> utf8Json, out ChannelStatsObserved? sample, out string? error)
    {
        sample = null;
        if (!TryOpen(utf8Json, ChannelStatsObserved.CurrentSchema, out var doc, out error))
            return false;
        using (doc)
        {
            var root = doc!.RootElement;
            var channelId = ReadString(root, "channelId");
            if (!ChannelId.TryValidate(channelId, out var idReason))
                return Fail($"field 'channelId': {idReason}", out error);
            if (!TryReadCount(root, "subscriberCount", required: false, out var subscribers, out error)) return false;
            if (!TryReadCount(root, "viewCount", required: true, out var views, out error)) return false;
            if (!TryReadCount(root, "videoCount", required: true, out var videos, out error)) return false;
            if (!TryReadTimestamp(root, "observedAt", required: true, out var observedAt, out error)) return false;
            var source = ReadString(root, "source");
            if (!SampleSources.IsKnown(source))
                return Fail("field 'source' must be one of youtube, demo, replay", out error);
            sample = new ChannelStatsObserved(
                channelId, ReadString(root, "title"), subscribers, views!.Value, videos!.Value, observedAt!.Value, source);
            error = null;
            return true;
        }
    }
}
