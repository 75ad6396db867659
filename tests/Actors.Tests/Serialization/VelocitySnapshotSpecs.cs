using System.Text.Json.Nodes;
using Akka.Actor;
using YouTubeAnalytics.Actors.Alerts;
using YouTubeAnalytics.Actors.Serialization;
using YouTubeAnalytics.Actors.Tests.Support;
using YouTubeAnalytics.Actors.Videos;
using static YouTubeAnalytics.Actors.Tests.Support.Samples;

namespace YouTubeAnalytics.Actors.Tests.Serialization;

/// <summary>
/// <c>video.state.v1</c> gained <c>velocity</c> and <c>lastChangeAlertAt</c>, <c>video.alert-raised.v1</c>'s breaches
/// <c>usualPerHour</c> (all optional: rule 1 of the versioning). Bytes written before them still read.
/// </summary>
public sealed class VelocitySnapshotSpecs : IDisposable
{
    private static readonly AlertSettings Settings = AlertSettings.Default with
    {
        Cooldown = TimeSpan.FromMinutes(15),
        Velocity = new VelocityRule(TimeSpan.FromMinutes(4), TimeSpan.FromHours(1), 3m, 10),
    };

    private readonly ActorSystem _system = ActorSystem.Create("velocity-snapshot-specs");
    private readonly ProtocolSerializer _serializer;

    public VelocitySnapshotSpecs() => _serializer = new ProtocolSerializer((ExtendedActorSystem)_system);

    public void Dispose() => _system.Dispose();

    private static VideoState StateWithTrackAndCooldown() =>
        Offered.Samples(Settings, [At(0, 990_000), At(5, 1_050_000), At(9, 1_051_000), At(13, 1_052_000)], T0.AddDays(1)).State;

    [Fact]
    public void Should_round_trip_the_velocity_track_and_the_cooldown()
    {
        var state = StateWithTrackAndCooldown();
        Assert.True(state.Velocity!.Points.Length >= 3);
        Assert.NotNull(state.LastChangeAlertAt);

        var copy = Assert.IsType<VideoState>(_serializer.FromBinary(_serializer.ToBinary(state), "video.state.v1"));

        Assert.Equal(state.Velocity, copy.Velocity);
        Assert.Equal(state.LastChangeAlertAt, copy.LastChangeAlertAt);
        Assert.Equal(_serializer.ToBinary(state), _serializer.ToBinary(copy));
    }

    [Fact]
    public void Should_read_a_video_snapshot_written_before_the_velocity_track_and_start_the_track_at_recovery()
    {
        var state = StateWithTrackAndCooldown();
        var json = JsonNode.Parse(_serializer.ToBinary(state))!.AsObject();
        Assert.True(json.Remove("velocity") && json.Remove("lastChangeAlertAt"), "today's snapshot carries both fields");
        var previous = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());

        var read = Assert.IsType<VideoState>(_serializer.FromBinary(previous, "video.state.v1"));

        Assert.Null(read.Velocity);
        Assert.Null(read.LastChangeAlertAt); // no cooldown running: the next breach goes out at once
        Assert.Equal(state.ViewsBaseline, read.ViewsBaseline);
        Assert.Empty(read.Configured(Settings).Velocity!.Points); // the actor's recovery: the track starts again
    }

    [Fact]
    public void Should_read_an_alert_written_before_breaches_had_a_usual_rate()
    {
        var alert = new Alert("abc", Id, "t", "c", T0, 1_050_000, 100, 10,
            [new Breach("change:views:5%", Metric.Views, 990_000, 1_050_000, 60_000, 6.06m, TimeSpan.FromMinutes(5))]);
        var json = JsonNode.Parse(_serializer.ToBinary(new VideoEvents.AlertRaised(alert)))!.AsObject();
        var breach = json["alert"]!["breaches"]![0]!.AsObject();
        Assert.True(breach.Remove("usualPerHour"));
        var previous = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());

        var read = Assert.IsType<VideoEvents.AlertRaised>(_serializer.FromBinary(previous, "video.alert-raised.v1"));

        Assert.Equal(alert.Breaches[0], read.Alert.Breaches[0]);
        Assert.True(read.Alert.Breaches[0].IsChange);
    }
}
