using System.Text;
using YouTubeAnalytics.Actors.Contracts;

namespace YouTubeAnalytics.Streams.Kafka;

/// <summary>A raw record read as a sample, or refused with the reason it goes to the dead-letter topic.</summary>
public abstract record DecodedRecord(CommittableRecord Record)
{
    public sealed record Valid(CommittableRecord Record, VideoStatsObserved Sample) : DecodedRecord(Record);

    public sealed record Rejected(CommittableRecord Record, string Error) : DecodedRecord(Record);
}

public static class RawRecordDecoder
{
    /// <summary>
    /// Strict: the value must decode as VideoStatsObserved (schema 1, valid fields) and the key must be its
    /// videoId, since the key decides the partition and so the order a video's samples arrive in.
    /// </summary>
    public static DecodedRecord Decode(CommittableRecord record)
    {
        var message = record.Result.Message;
        if (message.Value is null)
            return new DecodedRecord.Rejected(record, "the record has no value");
        if (!VideoStatsObservedCodec.TryDecode(message.Value, out var sample, out var error))
            return new DecodedRecord.Rejected(record, error!);
        var key = message.Key is null ? null : Encoding.UTF8.GetString(message.Key);
        if (key != sample!.VideoId)
            return new DecodedRecord.Rejected(record,
                key is null ? "the record has no key (expected the videoId)" : $"the key '{key}' is not the record's videoId '{sample.VideoId}'");
        return new DecodedRecord.Valid(record, sample);
    }
}
