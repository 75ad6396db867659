using YouTubeAnalytics.Streams.YouTube;

namespace YouTubeAnalytics.Streams.Tests.YouTube;

public sealed class PollScheduleSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    private static PollSchedule Fresh(int n)
    {
        var schedule = new PollSchedule(TimeSpan.FromMinutes(5));
        foreach (var id in PollerHarness.Ids(n))
        {
            schedule.Add(id);
            schedule.Observed(id, 1_000, Now.AddHours(-1), Now); // an hour-old upload: fast
        }
        return schedule;
    }

    [Fact]
    public void Should_not_stretch_when_the_quota_covers_every_refresh_until_the_reset()
    {
        // 1,000 fast videos every 5 minutes for 24 h: 288 rounds x 20 calls = 5,760 units.
        Assert.Equal(1, Fresh(1000).Stretch(10_000, TimeSpan.FromHours(24)));
    }

    [Fact]
    public void Should_stretch_the_period_by_what_the_quota_lacks()
    {
        var schedule = Fresh(1000);

        Assert.Equal(2, schedule.Stretch(2_880, TimeSpan.FromHours(24)), 3);
        Assert.Equal(4, schedule.Stretch(1_440 + 500, TimeSpan.FromHours(24), reservedUnits: 500), 3);
    }

    [Fact]
    public void Should_make_a_stretched_video_wait_longer()
    {
        var schedule = Fresh(10);

        Assert.Empty(schedule.DueBatches(Now.AddMinutes(5), stretch: 2));
        Assert.Single(schedule.DueBatches(Now.AddMinutes(10), stretch: 2));
        Assert.Single(schedule.DueBatches(Now.AddMinutes(5), stretch: 1));
    }

    [Fact]
    public void Should_put_at_most_50_ids_in_a_call()
    {
        var schedule = new PollSchedule(TimeSpan.FromMinutes(5));
        foreach (var id in PollerHarness.Ids(101))
            schedule.Add(id);

        var batches = schedule.DueBatches(Now, 1);

        Assert.Equal([50, 50, 1], batches.Select(b => b.Count));
        Assert.Equal(101, batches.SelectMany(b => b).Distinct().Count());
    }

    [Fact]
    public void Should_fill_the_last_call_with_videos_half_way_to_due_but_no_earlier()
    {
        var schedule = new PollSchedule(TimeSpan.FromMinutes(5));
        schedule.Add("aaaaaaaaaaa");
        schedule.Add("bbbbbbbbbbb");
        schedule.Observed("aaaaaaaaaaa", 10, Now.AddHours(-1), Now);
        schedule.Observed("bbbbbbbbbbb", 10, Now.AddHours(-1), Now.AddMinutes(3));

        Assert.Equal(["aaaaaaaaaaa"], schedule.DueBatches(Now.AddMinutes(5), 1).Single());
        Assert.Equal(["aaaaaaaaaaa", "bbbbbbbbbbb"], schedule.DueBatches(Now.AddMinutes(5).AddSeconds(30), 1).Single());
    }

    [Theory]
    [InlineData(1, Cadence.Fast)]      // a day-old upload
    [InlineData(10, Cadence.Steady)]   // ten days old
    [InlineData(400, Cadence.Quiet)]   // old, views flat
    public void Should_set_the_cadence_from_age_and_velocity(int ageDays, Cadence expected)
    {
        var schedule = new PollSchedule(TimeSpan.FromMinutes(5));
        schedule.Add("aaaaaaaaaaa");
        schedule.Observed("aaaaaaaaaaa", 1_000_000, Now.AddDays(-ageDays), Now);
        schedule.Observed("aaaaaaaaaaa", 1_000_000, Now.AddDays(-ageDays), Now.AddHours(1));

        Assert.Equal(expected, schedule.CadenceOf("aaaaaaaaaaa"));
    }

    [Fact]
    public void Should_make_an_old_video_fast_while_it_gains_views_quickly()
    {
        var schedule = new PollSchedule(TimeSpan.FromMinutes(5));
        schedule.Add("aaaaaaaaaaa");
        schedule.Observed("aaaaaaaaaaa", 100_000, Now.AddYears(-3), Now);
        schedule.Observed("aaaaaaaaaaa", 102_000, Now.AddYears(-3), Now.AddHours(1));

        Assert.Equal(Cadence.Fast, schedule.CadenceOf("aaaaaaaaaaa"));
    }

    [Fact]
    public void Should_report_a_video_unavailable_only_the_first_time()
    {
        var schedule = new PollSchedule(TimeSpan.FromMinutes(5));
        schedule.Add("aaaaaaaaaaa");

        Assert.True(schedule.MarkUnavailable("aaaaaaaaaaa", Now));
        Assert.False(schedule.MarkUnavailable("aaaaaaaaaaa", Now.AddHours(1)));
    }
}
