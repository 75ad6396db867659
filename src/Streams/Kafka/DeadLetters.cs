using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace YouTubeAnalytics.Streams.Kafka;

/// <summary>The dead-letter record of a refused one: its original key, value and headers, plus what went wrong where.</summary>
public static class DeadLetters
{
    public const string ErrorHeader = "x-error";
    public const string SourceTopicHeader = "x-source-topic";
    public const string SourcePartitionHeader = "x-source-partition";
    public const string SourceOffsetHeader = "x-source-offset";

    public static Message<byte[]?, byte[]?> For(DecodedRecord.Rejected rejected)
    {
        var original = rejected.Record.Result;
        var headers = new Headers();
        foreach (var header in original.Message.Headers ?? [])
            headers.Add(header.Key, header.GetValueBytes());
        headers.Add(ErrorHeader, Encoding.UTF8.GetBytes(rejected.Error));
        headers.Add(SourceTopicHeader, Encoding.UTF8.GetBytes(original.Topic));
        headers.Add(SourcePartitionHeader, Encoding.UTF8.GetBytes(original.Partition.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(SourceOffsetHeader, Encoding.UTF8.GetBytes(original.Offset.Value.ToString(CultureInfo.InvariantCulture)));
        return new Message<byte[]?, byte[]?> { Key = original.Message.Key, Value = original.Message.Value, Headers = headers };
    }
}
