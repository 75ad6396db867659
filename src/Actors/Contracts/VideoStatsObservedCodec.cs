using System.Text.Json;
using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Actors.Contracts;

/// <summary>The raw topic's <c>kind</c> field: what a record is. A record without it (written before channels) is a video.</summary>
public static class RawRecordKind
{
    public const string Video = "video";
    public const string Channel = "channel";

    /// <summary>The record's kind, <see cref="Video"/> when absent; null when the field is there but not a known kind.</summary>
    public static string? Of(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 16 });
            using var doc = JsonDocument.ParseValue(ref reader);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("kind", out var kind))
                return Video;
            return kind.ValueKind == JsonValueKind.String && kind.GetString() is Video or Channel ? kind.GetString() : null;
        }
        catch (JsonException)
        {
            return Video; // not JSON at all: the video codec says why
        }
    }
}

/// <summary>
/// Reads and writes the VideoStatsObserved wire format. Decoding is strict about what matters (schema, id, counts,
/// timestamps) and tolerant of unknown fields, so a producer can add fields without breaking consumers.
/// </summary>
public static class VideoStatsObservedCodec
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    public static byte[] Encode(VideoStatsObserved sample)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("schema", sample.Schema);
            w.WriteString("kind", RawRecordKind.Video);
            w.WriteString("videoId", sample.VideoId);
            WriteNullableString(w, "channelId", sample.ChannelId);
            WriteNullableString(w, "title", sample.Title);
            WriteNullableString(w, "channelTitle", sample.ChannelTitle);
            if (sample.PublishedAt is { } published) w.WriteString("publishedAt", published.ToUniversalTime());
            else w.WriteNull("publishedAt");
            w.WriteNumber("viewCount", sample.ViewCount);
            WriteNullableNumber(w, "likeCount", sample.LikeCount);
            WriteNullableNumber(w, "commentCount", sample.CommentCount);
            w.WriteString("observedAt", sample.ObservedAt.ToUniversalTime());
            w.WriteString("source", sample.Source);
            if (sample.ThumbnailUrl is { } thumbnail) w.WriteString("thumbnailUrl", thumbnail);
            if (sample.LiveBroadcastContent is { } live) w.WriteString("liveBroadcastContent", live);
            if (sample.ConcurrentViewers is { } viewers) w.WriteNumber("concurrentViewers", viewers);
            if (sample.ActualStartTime is { } started) w.WriteString("actualStartTime", started.ToUniversalTime());
            if (sample.ActualEndTime is { } ended) w.WriteString("actualEndTime", ended.ToUniversalTime());
            if (sample.NewUpload) w.WriteBoolean("newUpload", true);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>Decodes one record; on failure <paramref name="error"/> says what is wrong, naming the field.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> utf8Json, out VideoStatsObserved? sample, out string? error)
    {
        sample = null;
        if (!TryOpen(utf8Json, VideoStatsObserved.CurrentSchema, out var doc, out error))
            return false;
        using (doc)
        {
            var root = doc!.RootElement;
            var videoId = ReadString(root, "videoId");
            if (!VideoId.TryValidate(videoId, out var idReason))
                return Fail($"field 'videoId': {idReason}", out error);

            if (!TryReadCount(root, "viewCount", required: true, out var views, out error)) return false;
            if (!TryReadCount(root, "likeCount", required: false, out var likes, out error)) return false;
            if (!TryReadCount(root, "commentCount", required: false, out var comments, out error)) return false;

            if (!TryReadTimestamp(root, "observedAt", required: true, out var observedAt, out error)) return false;
            if (!TryReadTimestamp(root, "publishedAt", required: false, out var publishedAt, out error)) return false;

            var source = ReadString(root, "source");
            if (!SampleSources.IsKnown(source))
                return Fail("field 'source' must be one of youtube, demo, replay", out error);

            var thumbnail = ReadString(root, "thumbnailUrl");
            if (thumbnail is not null && !IsThumbnailUrl(thumbnail))
                return Fail("field 'thumbnailUrl' must be an absolute https URL", out error);

            // The live fields are optional (absent in records written before them, and for videos that are no broadcast).
            var live = ReadString(root, "liveBroadcastContent");
            if (root.TryGetProperty("liveBroadcastContent", out var liveEl) && liveEl.ValueKind != JsonValueKind.Null && !LiveBroadcastContents.IsKnown(live))
                return Fail("field 'liveBroadcastContent' must be one of none, upcoming, live", out error);
            if (!TryReadCount(root, "concurrentViewers", required: false, out var viewers, out error)) return false;
            if (!TryReadTimestamp(root, "actualStartTime", required: false, out var started, out error)) return false;
            if (!TryReadTimestamp(root, "actualEndTime", required: false, out var ended, out error)) return false;

            // Optional (issue 15): a record without it is no new upload.
            var newUpload = false;
            if (root.TryGetProperty("newUpload", out var newUploadEl) && newUploadEl.ValueKind != JsonValueKind.Null)
            {
                if (newUploadEl.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    return Fail("field 'newUpload' must be true or false", out error);
                newUpload = newUploadEl.GetBoolean();
            }

            sample = new VideoStatsObserved(
                videoId, ReadString(root, "channelId"), ReadString(root, "title"), ReadString(root, "channelTitle"),
                publishedAt, views!.Value, likes, comments, observedAt!.Value, source)
            {
                ThumbnailUrl = thumbnail,
                LiveBroadcastContent = live,
                ConcurrentViewers = viewers,
                ActualStartTime = started,
                ActualEndTime = ended,
                NewUpload = newUpload,
            };
            error = null;
            return true;
        }
    }

    /// <summary>Parses a record (depth 16) and checks it is an object of <paramref name="schema"/>; the caller disposes the document.</summary>
    internal static bool TryOpen(ReadOnlySpan<byte> utf8Json, int schema, out JsonDocument? doc, out string? error)
    {
        doc = null;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 16 });
            doc = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            return Fail($"not valid JSON: {ex.Message}", out error);
        }
        var root = doc.RootElement;
        error = root.ValueKind != JsonValueKind.Object ? "the record is not a JSON object"
            : !root.TryGetProperty("schema", out var schemaEl) || schemaEl.ValueKind != JsonValueKind.Number || !schemaEl.TryGetInt32(out var found)
                ? "field 'schema' is missing or not an integer"
                : found != schema ? $"unknown schema version {found} (this consumer reads {schema})" : null;
        if (error is null)
            return true;
        doc.Dispose();
        doc = null;
        return false;
    }

    /// <summary>An absolute https URL: what a page may put in an img src without loading anything but a picture.</summary>
    public static bool IsThumbnailUrl(string url) =>
        url.Length <= 2048 && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;

    internal static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }

    internal static string? ReadString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var el) && el.ValueKind == JsonValueKind.String ? el.GetString() : null;

    internal static bool TryReadCount(JsonElement root, string name, bool required, out long? value, out string? error)
    {
        value = null;
        error = null;
        if (!root.TryGetProperty(name, out var el) || el.ValueKind == JsonValueKind.Null)
        {
            if (!required) return true;
            error = $"field '{name}' is required";
            return false;
        }
        // A count is a non-negative JSON integer; "-5", 1e400, 3.5 or "12" (a string) are refused, not coerced.
        if (el.ValueKind != JsonValueKind.Number || !el.TryGetInt64(out var n))
        {
            error = $"field '{name}' must be a whole number within 0..{long.MaxValue}";
            return false;
        }
        if (n < 0)
        {
            error = $"field '{name}' must not be negative";
            return false;
        }
        value = n;
        return true;
    }

    internal static bool TryReadTimestamp(JsonElement root, string name, bool required, out DateTimeOffset? value, out string? error)
    {
        value = null;
        error = null;
        if (!root.TryGetProperty(name, out var el) || el.ValueKind == JsonValueKind.Null)
        {
            if (!required) return true;
            error = $"field '{name}' is required";
            return false;
        }
        if (el.ValueKind != JsonValueKind.String || !el.TryGetDateTimeOffset(out var ts))
        {
            error = $"field '{name}' must be an ISO 8601 timestamp";
            return false;
        }
        value = ts.ToUniversalTime();
        return true;
    }

    internal static void WriteNullableString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }

    internal static void WriteNullableNumber(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
