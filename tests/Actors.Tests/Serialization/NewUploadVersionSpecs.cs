using System.Text;
using System.Text.Json.Nodes;
using Akka.Actor;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Serialization;
using YouTubeAnalytics.Actors.Tests.Support;
using YouTubeAnalytics.Actors.Videos;
using YouTubeAnalytics.Actors.Watchlist;

namespace YouTubeAnalytics.Actors.Tests.Serialization;

/// <summary>
/// Issue 15 gave the sample its <c>newUpload</c> flag (raw topic and <c>video.sample-recorded.v1</c>), the watchlist's
/// <c>watchlist.videos-discovered.v1</c> and its replies their <c>newUploads</c> (rule 1: optional fields under the same
/// manifests and schema). Bytes written before them still read, as no new upload.
/// </summary>
public sealed class NewUploadVersionSpecs : IDisposable
{
    private static readonly WatchTarget Playlist = WatchTarget.Playlist("PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf");

    private readonly ActorSystem _system = ActorSystem.Create("new-upload-version-specs");
    private readonly ProtocolSerializer _serializer;

    public NewUploadVersionSpecs() => _serializer = new ProtocolSerializer((ExtendedActorSystem)_system);

    public void Dispose() => _system.Dispose();

    private static byte[] Without(byte[] today, string field)
    {
        var json = JsonNode.Parse(today)!;
        var removed = 0;
        void Strip(JsonNode? node)
        {
            if (node is JsonObject o)
            {
                removed += o.Remove(field) ? 1 : 0;
                foreach (var (_, child) in o.ToList()) Strip(child);
            }
        }
        Strip(json);
        Assert.True(removed > 0, $"today's bytes carry {field}");
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    private object Read(object today, string manifest, string field)
    {
        Assert.Equal(manifest, _serializer.Manifest(today));
        return _serializer.FromBinary(Without(_serializer.ToBinary(today), field), manifest);
    }

    [Fact]
    public void Should_read_a_sample_event_written_before_the_new_upload_flag_as_no_new_upload()
    {
        var today = new VideoEvents.SampleRecorded(Samples.At(1, 10) with { NewUpload = true });
        var roundTrip = Assert.IsType<VideoEvents.SampleRecorded>(_serializer.FromBinary(_serializer.ToBinary(today), "video.sample-recorded.v1"));
        Assert.True(roundTrip.Sample.NewUpload);

        var old = Assert.IsType<VideoEvents.SampleRecorded>(Read(today, "video.sample-recorded.v1", "newUpload"));
        Assert.Equal(today.Sample with { NewUpload = false }, old.Sample);
    }

    [Fact]
    public void Should_read_a_raw_record_written_before_the_new_upload_flag_and_refuse_a_flag_that_is_not_a_boolean()
    {
        var flagged = Samples.At(1, 10) with { NewUpload = true };
        Assert.True(VideoStatsObservedCodec.TryDecode(VideoStatsObservedCodec.Encode(flagged), out var read, out _));
        Assert.Equal(flagged, read);

        var plain = VideoStatsObservedCodec.Encode(Samples.At(1, 10));
        Assert.DoesNotContain("newUpload", Encoding.UTF8.GetString(plain)); // written only when set: old consumers see today's bytes
        Assert.True(VideoStatsObservedCodec.TryDecode(Without(VideoStatsObservedCodec.Encode(flagged), "newUpload"), out var old, out _));
        Assert.False(old!.NewUpload);

        var wrong = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(VideoStatsObservedCodec.Encode(flagged)).Replace("\"newUpload\":true", "\"newUpload\":\"yes\""));
        Assert.False(VideoStatsObservedCodec.TryDecode(wrong, out _, out var error));
        Assert.Equal("field 'newUpload' must be true or false", error);
    }

    [Fact]
    public void Should_read_a_discovery_row_and_watchlist_replies_written_before_new_uploads_as_none()
    {
        var discovered = new WatchlistEvents.VideosDiscovered(Playlist, ["jNQXAC9IVRw"], Samples.T0) { NewUploads = ["jNQXAC9IVRw"] };
        var old = Assert.IsType<WatchlistEvents.VideosDiscovered>(Read(discovered, "watchlist.videos-discovered.v1", "newUploads"));
        Assert.Empty(old.NewUploads);
        Assert.Equal(["jNQXAC9IVRw"], old.VideoIds);
        Assert.Empty(WatchlistState.Empty.Apply(new WatchlistEvents.WatchAdded(Playlist, Samples.T0)).Apply(old).PendingUploads);

        var reply = new WatchlistQueries.WatchlistReply([Playlist], ["jNQXAC9IVRw"]) { NewUploads = ["jNQXAC9IVRw"] };
        Assert.Empty(Assert.IsType<WatchlistQueries.WatchlistReply>(Read(reply, "watchlist.reply.v1", "newUploads")).NewUploads);

        var recorded = new WatchlistCommands.DiscoveredRecorded(1) { NewUploads = ["jNQXAC9IVRw"] };
        Assert.Empty(Assert.IsType<WatchlistCommands.DiscoveredRecorded>(Read(recorded, "watchlist.discovered-recorded.v1", "newUploads")).NewUploads);
    }
}
