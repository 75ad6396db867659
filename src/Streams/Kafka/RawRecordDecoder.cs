using System.Text;
using YouTubeAnalytics.Actors.Contracts;

namespace YouTubeAnalytics.Streams.Kafka;

/// <summary>A raw record read as a sample, or refused with the reason it goes to the dead-letter topic.</summary>
public abstract record DecodedRecord(CommittableRecord Record)
{
    public sealed record Valid(CommittableRecord Record, VideoStatsObserved Sample) : DecodedRecord(Record);

    public sealed record ValidChannel(CommittableRecord Record, ChannelStatsObserved Sample) : DecodedRecord(Record);

    public sealed record Rejected(CommittableRecord Record, string Error) : DecodedRecord(Record);
}

public static class RawRecordDecoder
{
    /// <summary>
    /// The largest value read as a sample. A real one is well under 2 KB (YouTube titles are at most 100 characters);
    /// anything near a megabyte is a producer's mistake, and is dead-lettered before it is parsed or persisted.
    /// </summary>
    public const int MaxValueBytes = 64 * 1024;

    /// <summary>
    /// Strict: the value's <c>kind</c> says what it is (absent: a video, as every record written before channels);
    /// a video must decode as VideoStatsObserved (schema 1, valid fields) keyed by its videoId, a channel as
    /// ChannelStatsObserved keyed by its channelId, since the key decides the partition and so the order of samples.
    /// </summary>
    public static DecodedRecord Decode(CommittableRecord record)
    {
        var message = record.Result.Message;
        if (message.Value is null)
            return new DecodedRecord.Rejected(record, "the record has no value");
        if (message.Value.Length > MaxValueBytes)
            return new DecodedRecord.Rejected(record, $"the record's value is {message.Value.Length} bytes, more than the {MaxValueBytes} a sample may have");
        var key = message.Key is null ? null : Encoding.UTF8.GetString(message.Key);
        switch (RawRecordKind.Of(message.Value))
        {
            case null:
                return new DecodedRecord.Rejected(record, $"field 'kind' must be {RawRecordKind.Video} or {RawRecordKind.Channel}");
            case RawRecordKind.Channel:
                if (!ChannelStatsObservedCodec.TryDecode(message.Value, out var channel, out var channelError))
                    return new DecodedRecord.Rejected(record, channelError!);
                return key == channel!.ChannelId
                    ? new DecodedRecord.ValidChannel(record, channel)
                    : new DecodedRecord.Rejected(record, key is null
                        ? "the record has no key (expected the channelId)"
                        : $"the key '{key}' is not the record's channelId '{channel.ChannelId}'");
        }
        if (!VideoStatsObservedCodec.TryDecode(message.Value, out var sample, out var error))
            return new DecodedRecord.Rejected(record, error!);
        if (key != sample!.VideoId)
            return new DecodedRecord.Rejected(record,
                key is null ? "the record has no key (expected the videoId)" : $"the key '{key}' is not the record's videoId '{sample.VideoId}'");
        return new DecodedRecord.Valid(record, sample);
    }
}
