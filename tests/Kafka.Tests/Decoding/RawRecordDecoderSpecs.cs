using System.Text;
using Confluent.Kafka;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Streams.Kafka;

namespace YouTubeAnalytics.Kafka.Tests.Decoding;

public sealed class RawRecordDecoderSpecs
{
    private static readonly VideoStatsObserved Sample = new("dQw4w9WgXcQ", null, "Title", null, null, 1000, null, null,
        new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), SampleSources.YouTube);

    [Fact]
    public void Should_accept_a_valid_record_whose_key_is_its_video_id()
    {
        var decoded = RawRecordDecoder.Decode(Record("dQw4w9WgXcQ", VideoStatsObservedCodec.Encode(Sample)));
        Assert.Equal(Sample, Assert.IsType<DecodedRecord.Valid>(decoded).Sample);
    }

    private static readonly ChannelStatsObserved Channel = new("UCuAXFkgsw1L7xaCfnd5JJOw", "Rick Astley", null, 2_412_345_678, 237,
        new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), SampleSources.YouTube);

    [Fact]
    public void Should_read_a_record_written_before_the_kind_field_as_a_video()
    {
        // What the previous producer wrote: VideoStatsObservedCodec's output without "kind".
        var previous = "{\"schema\":1,\"videoId\":\"dQw4w9WgXcQ\",\"channelId\":null,\"title\":\"Title\",\"channelTitle\":null,"
            + "\"publishedAt\":null,\"viewCount\":1000,\"likeCount\":null,\"commentCount\":null,"
            + "\"observedAt\":\"2026-11-30T00:00:00+00:00\",\"source\":\"youtube\"}";
        var decoded = RawRecordDecoder.Decode(Record("dQw4w9WgXcQ", Encoding.UTF8.GetBytes(previous)));
        Assert.Equal(Sample, Assert.IsType<DecodedRecord.Valid>(decoded).Sample);
        Assert.Contains("\"kind\":\"video\"", Encoding.UTF8.GetString(VideoStatsObservedCodec.Encode(Sample)));
    }

    [Fact]
    public void Should_accept_a_channel_record_keyed_by_its_channel_id_with_a_hidden_count_as_null()
    {
        var message = KafkaIngestFlows.RawMessage(Channel);
        Assert.Equal(Channel.ChannelId, Encoding.UTF8.GetString(message.Key!));
        Assert.Contains("\"kind\":\"channel\"", Encoding.UTF8.GetString(message.Value!));
        Assert.Contains("\"subscriberCount\":null", Encoding.UTF8.GetString(message.Value!));

        var decoded = RawRecordDecoder.Decode(Record(Channel.ChannelId, message.Value!));
        Assert.Equal(Channel, Assert.IsType<DecodedRecord.ValidChannel>(decoded).Sample);
    }

    [Theory]
    [InlineData("UCuAXFkgsw1L7xaCfnd5JJOw", "{\"schema\":1,\"kind\":\"playlist\"}", "field 'kind' must be video or channel")]
    [InlineData("UCuAXFkgsw1L7xaCfnd5JJOw", "{\"schema\":1,\"kind\":\"channel\",\"channelId\":\"UCshort\"}", "field 'channelId'")]
    [InlineData("UCuAXFkgsw1L7xaCfnd5JJOw", "{\"schema\":1,\"kind\":\"channel\",\"channelId\":\"UCuAXFkgsw1L7xaCfnd5JJOw\",\"viewCount\":1,\"videoCount\":1,\"subscriberCount\":-1}", "field 'subscriberCount' must not be negative")]
    [InlineData("dQw4w9WgXcQ", null, "the key 'dQw4w9WgXcQ' is not the record's channelId 'UCuAXFkgsw1L7xaCfnd5JJOw'")]
    [InlineData("UCuAXFkgsw1L7xaCfnd5JJOw", "{\"schema\":1,\"kind\":\"video\",\"videoId\":\"UCuAXFkgsw1L7xaCfnd5JJOw\"}", "field 'videoId'")]
    public void Should_reject_a_channel_or_kind_record_naming_what_is_wrong(string key, string? json, string error)
    {
        var value = json is null ? ChannelStatsObservedCodec.Encode(Channel) : Encoding.UTF8.GetBytes(json);
        var rejected = Assert.IsType<DecodedRecord.Rejected>(RawRecordDecoder.Decode(Record(key, value)));
        Assert.StartsWith(error, rejected.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dQw4w9WgXcQ", "{\"schema\":1,", "not valid JSON")]
    [InlineData("dQw4w9WgXcQ", "{\"schema\":7,\"videoId\":\"dQw4w9WgXcQ\"}", "unknown schema version 7")]
    [InlineData("dQw4w9WgXcQ", "{\"schema\":1,\"videoId\":\"dQw4w9WgXcQ\",\"viewCount\":\"12\"}", "field 'viewCount'")]
    [InlineData("otherVideo1", null, "the key 'otherVideo1' is not the record's videoId 'dQw4w9WgXcQ'")]
    [InlineData(null, null, "the record has no key")]
    public void Should_reject_a_record_naming_what_is_wrong(string? key, string? json, string error)
    {
        var value = json is null ? VideoStatsObservedCodec.Encode(Sample) : Encoding.UTF8.GetBytes(json);
        var rejected = Assert.IsType<DecodedRecord.Rejected>(RawRecordDecoder.Decode(Record(key, value)));
        Assert.StartsWith(error, rejected.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_dead_letter_the_original_key_value_and_headers_with_the_error_and_source_position()
    {
        var value = Encoding.UTF8.GetBytes("{oops");
        var record = Record("dQw4w9WgXcQ", value, new Headers { { "trace", [1, 2] } });
        var letter = DeadLetters.For(Assert.IsType<DecodedRecord.Rejected>(RawRecordDecoder.Decode(record)));

        Assert.Equal("dQw4w9WgXcQ"u8.ToArray(), letter.Key);
        Assert.Equal(value, letter.Value);
        Assert.Equal([1, 2], letter.Headers.GetLastBytes("trace"));
        Assert.StartsWith("not valid JSON", Text(letter, DeadLetters.ErrorHeader), StringComparison.Ordinal);
        Assert.Equal("youtube-raw-data", Text(letter, DeadLetters.SourceTopicHeader));
        Assert.Equal("3", Text(letter, DeadLetters.SourcePartitionHeader));
        Assert.Equal("42", Text(letter, DeadLetters.SourceOffsetHeader));
    }

    private static string Text(Message<byte[]?, byte[]?> message, string header) =>
        Encoding.UTF8.GetString(message.Headers.GetLastBytes(header));

    private static CommittableRecord Record(string? key, byte[] value, Headers? headers = null) => new(new ConsumeResult<byte[]?, byte[]?>
    {
        TopicPartitionOffset = new TopicPartitionOffset("youtube-raw-data", 3, 42),
        Message = new Message<byte[]?, byte[]?>
        {
            Key = key is null ? null : Encoding.UTF8.GetBytes(key),
            Value = value,
            Headers = headers ?? [],
        },
    });
}
