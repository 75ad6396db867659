using System.Text;
using System.Text.Json.Nodes;
using Akka.Actor;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Serialization;
using YouTubeAnalytics.Actors.Tests.Support;
using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Actors.Tests.Serialization;

/// <summary>
/// Issue 21 gave the sample its live fields, the video snapshot its <c>live</c> track and the alert its <c>channelId</c>
/// (rule 1 of the versioning section: optional fields under the same manifests). Bytes written before them still read,
/// as no broadcast and no channel.
/// </summary>
public sealed class LiveVersionSpecs : IDisposable
{
    private static readonly string[] LiveFields =
        ["liveBroadcastContent", "concurrentViewers", "actualStartTime", "actualEndTime", "live", "channelId"];

    private readonly ActorSystem _system = ActorSystem.Create("live-version-specs");
    private readonly ProtocolSerializer _serializer;

    public LiveVersionSpecs() => _serializer = new ProtocolSerializer((ExtendedActorSystem)_system);

    public void Dispose() => _system.Dispose();

    /// <summary>Today's bytes with the fields named removed (at any depth): what the code before issue 21 wrote.</summary>
    private byte[] WrittenBefore(object message, params string[] fields)
    {
        var json = JsonNode.Parse(_serializer.ToBinary(message))!;
        var removed = 0;
        void Strip(JsonNode? node)
        {
            if (node is JsonObject o)
            {
                removed += fields.Count(o.Remove);
                foreach (var (_, child) in o.ToList()) Strip(child);
            }
            else if (node is JsonArray a)
                foreach (var child in a) Strip(child);
        }
        Strip(json);
        Assert.True(removed > 0, "today's bytes carry the fields removed");
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    private static VideoStatsObserved OnAir(int minute, long viewers) => Samples.At(minute, 1_000) with
    {
        LiveBroadcastContent = LiveBroadcastContents.Live, ConcurrentViewers = viewers, ActualStartTime = Samples.T0,
    };

    [Fact]
    public void Should_read_a_sample_event_written_before_the_live_fields()
    {
        var today = new VideoEvents.SampleRecorded(OnAir(1, 250));
        Assert.Equal(today, _serializer.FromBinary(_serializer.ToBinary(today), "video.sample-recorded.v1"));

        var read = Assert.IsType<VideoEvents.SampleRecorded>(_serializer.FromBinary(WrittenBefore(today, LiveFields[..4]), "video.sample-recorded.v1"));
        Assert.Equal(today.Sample with { LiveBroadcastContent = null, ConcurrentViewers = null, ActualStartTime = null }, read.Sample);
    }

    [Fact]
    public void Should_read_a_video_snapshot_written_before_the_live_track()
    {
        var state = VideoState.Empty(Samples.Id);
        foreach (var sample in new[] { Samples.At(0, 900), OnAir(1, 250) })
            if (state.Process(sample, AlertSettings.Default, Samples.T0.AddDays(1)) is SampleDecision.Accept accepted)
                foreach (var e in accepted.Events)
                    state = state.Apply(e, state.SampleCount + 1);
        Assert.Equal(250, state.Live!.PeakViewers);
        Assert.Equal(250, Assert.IsType<VideoState>(_serializer.FromBinary(_serializer.ToBinary(state), "video.state.v1")).Live!.PeakViewers);

        var read = Assert.IsType<VideoState>(_serializer.FromBinary(WrittenBefore(state, LiveFields), "video.state.v1"));
        Assert.Null(read.Live);
        Assert.Null(read.Latest!.LiveBroadcastContent);
        Assert.Equal(state.SampleCount, read.SampleCount);
    }

    [Fact]
    public void Should_read_an_alert_written_before_it_named_its_channel()
    {
        var alert = new Alert("0123456789abcdef0123", Samples.Id, "t", "c", Samples.T0, 1_000, null, null,
            [new Breach(YouTubeAnalytics.Actors.Live.LiveBroadcast.StartedRule, Metric.Viewers, 0, 10, 10, null, TimeSpan.Zero)], ChannelId: "UCuAXFkgsw1L7xaCfnd5JJOw");
        var today = new VideoEvents.AlertRaised(alert);
        Assert.Equal("UCuAXFkgsw1L7xaCfnd5JJOw",
            Assert.IsType<VideoEvents.AlertRaised>(_serializer.FromBinary(_serializer.ToBinary(today), "video.alert-raised.v1")).Alert.ChannelId);

        var read = Assert.IsType<VideoEvents.AlertRaised>(_serializer.FromBinary(WrittenBefore(today, "channelId"), "video.alert-raised.v1"));
        Assert.Null(read.Alert.ChannelId);
        Assert.Equal(AlertSubject.Video, read.Alert.Subject);
    }
}
