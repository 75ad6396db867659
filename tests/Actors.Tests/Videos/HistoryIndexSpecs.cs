using YouTubeAnalytics.Actors.Videos;

namespace YouTubeAnalytics.Actors.Tests.Videos;

/// <summary>The hourly index that lets /history read only the journal range of a time range.</summary>
public sealed class HistoryIndexSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>One sample a minute for <paramref name="minutes"/> minutes, sequence numbers 1, 2, …</summary>
    private static HistoryIndex Minutes(int minutes)
    {
        var index = HistoryIndex.Empty;
        for (var i = 0; i < minutes; i++)
            index = index.Record(i + 1, T0.AddMinutes(i));
        return index;
    }

    [Fact]
    public void Should_keep_one_mark_per_hour()
    {
        var index = Minutes(180);

        Assert.Equal([1L, 61L, 121L], index.Marks.Select(m => m.SequenceNr));
    }

    [Fact]
    public void Should_bound_a_range_by_the_hours_around_it_and_never_cut_a_sample_in_it()
    {
        var index = Minutes(600); // sample at minute m has sequence number m + 1

        var (from, to) = index.RangeFor(T0.AddMinutes(130), T0.AddMinutes(200), 600);

        Assert.Equal(121, from); // the 02:00 mark: everything before it is older than 02:10
        Assert.Equal(240, to);   // just before the 04:00 mark: everything after it is newer than 03:20
        Assert.InRange(131, from, to);
        Assert.InRange(201, from, to);
    }

    [Fact]
    public void Should_read_everything_without_a_mark_before_the_range()
    {
        var (from, to) = Minutes(120).RangeFor(T0.AddDays(-1), T0.AddDays(1), 125);

        Assert.Equal((1L, 125L), (from, to));
    }

    [Fact]
    public void Should_stay_bounded_and_exact_when_thinned()
    {
        var index = HistoryIndex.Empty;
        for (var hour = 0; hour < 3_000; hour++)
            index = index.Record(hour + 1, T0.AddHours(hour));

        Assert.InRange(index.Marks.Length, 1, HistoryIndex.MaxMarks);
        var (from, to) = index.RangeFor(T0.AddHours(1_500), T0.AddHours(1_500), 3_000);
        Assert.InRange(1_501L, from, to); // the sample of that hour is inside the range
        Assert.Equal(3_000, index.Marks[^1].SequenceNr);
    }

    [Fact]
    public void Should_forget_marks_of_deleted_events()
    {
        var index = Minutes(300).DropThrough(150);

        Assert.All(index.Marks, m => Assert.True(m.SequenceNr > 150));
    }
}
