using System.Text;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Tests.Support;

namespace YouTubeAnalytics.Actors.Tests.Contracts;

public sealed class VideoStatsObservedCodecSpecs
{
    private const string Valid = """
        {"schema":1,"videoId":"dQw4w9WgXcQ","channelId":"UCuAXFkgsw1L7xaCfnd5JJOw","title":"T","channelTitle":"C",
         "publishedAt":"2009-10-25T06:57:33Z","viewCount":1000,"likeCount":null,"commentCount":5,
         "observedAt":"2026-11-29T12:00:00Z","source":"youtube","somethingNew":{"a":1}}
        """;

    private static (VideoStatsObserved? Sample, string? Error) Decode(string json)
    {
        var ok = VideoStatsObservedCodec.TryDecode(Encoding.UTF8.GetBytes(json), out var sample, out var error);
        Assert.Equal(ok, sample is not null);
        return (sample, error);
    }

    private static string With(string field, string rawValue) =>
        System.Text.RegularExpressions.Regex.Replace(Valid, $"\"{field}\":(\"[^\"]*\"|[^,}}]+)", $"\"{field}\":{rawValue}");

    [Fact]
    public void Should_round_trip_a_sample()
    {
        var sample = Samples.At(3, 123_456, likes: null, comments: 7);
        var (decoded, error) = Decode(Encoding.UTF8.GetString(VideoStatsObservedCodec.Encode(sample)));

        Assert.Null(error);
        Assert.Equal(sample, decoded);
    }

    [Fact]
    public void Should_carry_the_thumbnail_and_read_records_written_without_one()
    {
        var sample = Samples.At(3, 123_456) with { ThumbnailUrl = "https://i.ytimg.com/vi/dQw4w9WgXcQ/mqdefault.jpg" };
        var (decoded, error) = Decode(Encoding.UTF8.GetString(VideoStatsObservedCodec.Encode(sample)));
        Assert.Null(error);
        Assert.Equal(sample, decoded);

        // A producer of before the field (Valid has none) is still read: the thumbnail is simply unknown.
        var (old, oldError) = Decode(Valid);
        Assert.Null(oldError);
        Assert.Null(old!.ThumbnailUrl);
        Assert.DoesNotContain("thumbnailUrl", Encoding.UTF8.GetString(VideoStatsObservedCodec.Encode(old)));
    }

    [Fact]
    public void Should_carry_the_live_fields_and_refuse_an_unknown_broadcast_state()
    {
        var sample = Samples.At(3, 123_456) with
        {
            LiveBroadcastContent = LiveBroadcastContents.Live, ConcurrentViewers = 4_321,
            ActualStartTime = Samples.T0, ActualEndTime = Samples.T0.AddHours(2),
        };
        var (decoded, error) = Decode(Encoding.UTF8.GetString(VideoStatsObservedCodec.Encode(sample)));
        Assert.Null(error);
        Assert.Equal(sample, decoded);

        var (old, _) = Decode(Valid); // written before the live fields: not a broadcast
        Assert.Null(old!.LiveBroadcastContent);
        Assert.Null(old.ConcurrentViewers);
        Assert.Contains("liveBroadcastContent", Decode(Valid.Replace("\"source\":\"youtube\"", "\"source\":\"youtube\",\"liveBroadcastContent\":\"onair\"", StringComparison.Ordinal)).Error);
        Assert.Contains("concurrentViewers", Decode(Valid.Replace("\"source\":\"youtube\"", "\"source\":\"youtube\",\"concurrentViewers\":\"12\"", StringComparison.Ordinal)).Error);
    }

    [Theory]
    [InlineData("\"javascript:alert(1)\"")]
    [InlineData("\"http://i.ytimg.com/vi/x/default.jpg\"")]
    [InlineData("\"/vi/x/default.jpg\"")]
    public void Should_refuse_a_thumbnail_that_is_not_an_https_url(string rawValue)
    {
        var (_, error) = Decode(Valid.Replace("\"source\":\"youtube\"", "\"source\":\"youtube\",\"thumbnailUrl\":" + rawValue, StringComparison.Ordinal));
        Assert.Contains("thumbnailUrl", error);
    }

    [Fact]
    public void Should_accept_unknown_fields_and_read_null_as_missing()
    {
        var (sample, _) = Decode(Valid);
        Assert.Null(sample!.LikeCount);
        Assert.Equal(5, sample.CommentCount);
        Assert.Equal(1000, sample.ViewCount);
    }

    [Theory]
    [InlineData("\"-5\"", "viewCount")]
    [InlineData("-5", "negative")]
    [InlineData("1e400", "viewCount")]
    [InlineData("3.5", "viewCount")]
    [InlineData("\"lots\"", "viewCount")]
    [InlineData("99999999999999999999", "viewCount")]
    public void Should_refuse_absurd_counts_naming_the_field(string rawValue, string expected)
    {
        var (_, error) = Decode(With("viewCount", rawValue));
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("[1,2,3]", "not a JSON object")]
    [InlineData("{\"schema\":2}", "unknown schema version 2")]
    [InlineData("{\"videoId\":\"dQw4w9WgXcQ\"}", "schema")]
    public void Should_refuse_records_it_cannot_read(string json, string expected)
    {
        var (_, error) = Decode(json);
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("videoId", "\"short\"", "11 characters")]
    [InlineData("videoId", "\"../../etc/p\"", "only the characters")]
    [InlineData("observedAt", "\"yesterday\"", "observedAt")]
    [InlineData("observedAt", "null", "observedAt")]
    [InlineData("source", "\"kafka\"", "source")]
    public void Should_refuse_invalid_fields(string field, string rawValue, string expected)
    {
        var (_, error) = Decode(With(field, rawValue));
        Assert.Contains(expected, error);
    }
}
