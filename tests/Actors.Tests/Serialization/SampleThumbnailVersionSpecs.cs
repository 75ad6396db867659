using System.Text;
using System.Text.Json.Nodes;
using Akka.Actor;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Serialization;
using YouTubeAnalytics.Actors.Tests.Support;
using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Actors.Tests.Serialization;

/// <summary>
/// Issue 22 gave the sample a <c>thumbnailUrl</c> (rule 1 of the versioning section: an optional field under the same
/// manifests). Events and snapshots written before it, bytes without the field, still read, with no thumbnail.
/// </summary>
public sealed class SampleThumbnailVersionSpecs : IDisposable
{
    private const string Thumbnail = "https://i.ytimg.com/vi/dQw4w9WgXcQ/mqdefault.jpg";
    private readonly ActorSystem _system = ActorSystem.Create("thumbnail-version-specs");
    private readonly ProtocolSerializer _serializer;

    public SampleThumbnailVersionSpecs() => _serializer = new ProtocolSerializer((ExtendedActorSystem)_system);

    public void Dispose() => _system.Dispose();

    /// <summary>Today's bytes with every "thumbnailUrl" removed: what the code before issue 22 wrote.</summary>
    private byte[] WrittenBeforeThumbnails(object message)
    {
        var json = JsonNode.Parse(_serializer.ToBinary(message))!;
        var removed = 0;
        void Strip(JsonNode? node)
        {
            if (node is JsonObject o)
            {
                if (o.Remove("thumbnailUrl")) removed++;
                foreach (var (_, child) in o.ToList()) Strip(child);
            }
            else if (node is JsonArray a)
                foreach (var child in a) Strip(child);
        }
        Strip(json);
        Assert.True(removed > 0, "today's bytes carry the thumbnail under \"thumbnailUrl\"");
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    [Fact]
    public void Should_read_a_sample_event_written_before_it_had_a_thumbnail()
    {
        var sample = Samples.At(0, 990_000) with { ThumbnailUrl = Thumbnail };
        var today = new VideoEvents.SampleRecorded(sample);
        Assert.Equal(today, _serializer.FromBinary(_serializer.ToBinary(today), "video.sample-recorded.v1"));

        var read = Assert.IsType<VideoEvents.SampleRecorded>(
            _serializer.FromBinary(WrittenBeforeThumbnails(today), "video.sample-recorded.v1"));
        Assert.Null(read.Sample.ThumbnailUrl);
        Assert.Equal(sample with { ThumbnailUrl = null }, read.Sample);
    }

    [Fact]
    public void Should_read_a_video_snapshot_written_before_it_had_a_thumbnail()
    {
        var state = VideoState.Empty(Samples.Id);
        if (state.Process(Samples.At(0, 990_000) with { ThumbnailUrl = Thumbnail }, AlertSettings.Default, Samples.T0.AddDays(1))
            is SampleDecision.Accept accepted)
            foreach (var e in accepted.Events)
                state = state.Apply(e, 1);
        Assert.Equal(Thumbnail, state.Latest!.ThumbnailUrl);

        var read = Assert.IsType<VideoState>(_serializer.FromBinary(WrittenBeforeThumbnails(state), "video.state.v1"));
        Assert.Null(read.Latest!.ThumbnailUrl);
        Assert.Equal(_serializer.ToBinary(state with { Latest = state.Latest with { ThumbnailUrl = null } }), _serializer.ToBinary(read));
    }
}
