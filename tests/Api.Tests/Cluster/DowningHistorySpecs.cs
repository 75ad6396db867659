using YouTubeAnalytics.Api.Cluster;

namespace YouTubeAnalytics.Api.Tests.Cluster;

public sealed class DowningHistorySpecs
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Should_have_no_decision_before_a_member_is_downed() => Assert.Null(DowningHistory.Empty.Last);

    [Fact]
    public void Should_group_the_members_downed_in_one_round_into_one_decision()
    {
        var history = DowningHistory.Empty
            .Downed("akka.tcp://youtube-analytics@a:4053", At)
            .Downed("akka.tcp://youtube-analytics@b:4053", At + TimeSpan.FromMilliseconds(300))
            .Downed("akka.tcp://youtube-analytics@a:4053", At + TimeSpan.FromMilliseconds(400));

        var decision = history.Last!;
        Assert.Equal(["akka.tcp://youtube-analytics@a:4053", "akka.tcp://youtube-analytics@b:4053"], decision.Downed);
        Assert.Equal(At, decision.At);
    }

    [Fact]
    public void Should_start_a_new_decision_for_a_later_downing()
    {
        var later = At + DowningHistory.DecisionWindow + TimeSpan.FromSeconds(30);

        var history = DowningHistory.Empty
            .Downed("akka.tcp://youtube-analytics@a:4053", At)
            .Downed("akka.tcp://youtube-analytics@c:4053", later);

        Assert.Equal(["akka.tcp://youtube-analytics@c:4053"], history.Last!.Downed);
        Assert.Equal(later, history.Last.At);
    }
}
