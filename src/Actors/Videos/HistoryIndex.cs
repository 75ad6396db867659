using System.Collections.Immutable;

namespace YouTubeAnalytics.Actors.Videos;

/// <summary>The first sample of an hour: its sequence number in the video's journal and when it was observed.</summary>
public sealed record HistoryMark(long SequenceNr, DateTimeOffset At);

/// <summary>
/// Where in a video's journal a time range lies, so /history reads only that range. Samples are journalled in
/// strictly increasing observedAt (an older one is ignored), so the first sample of each hour is a mark: every event
/// before it was observed earlier. At most <see cref="MaxMarks"/> marks are kept; past that every other older one is
/// dropped (coarser, still exact: any subset of marks bounds a range correctly, it only reads a little more).
/// </summary>
public sealed record HistoryIndex(ImmutableArray<HistoryMark> Marks)
{
    public const int MaxMarks = 1_024;

    public static readonly HistoryIndex Empty = new(ImmutableArray<HistoryMark>.Empty);

    private ImmutableArray<HistoryMark> All => Marks.IsDefault ? [] : Marks;

    /// <summary>Takes note of a sample journalled at <paramref name="sequenceNr"/>.</summary>
    public HistoryIndex Record(long sequenceNr, DateTimeOffset observedAt)
    {
        var marks = All;
        if (marks.Length > 0 && Hour(marks[^1].At) == Hour(observedAt))
            return this;
        marks = marks.Add(new HistoryMark(sequenceNr, observedAt));
        if (marks.Length > MaxMarks)
            marks = [.. marks.Take(marks.Length - 1).Where((_, i) => i % 2 == 1), marks[^1]];
        return new HistoryIndex(marks);
    }

    /// <summary>Forgets marks of events deleted from the journal (History:Retention).</summary>
    public HistoryIndex DropThrough(long sequenceNr) => new([.. All.Where(m => m.SequenceNr > sequenceNr)]);

    /// <summary>
    /// The sequence numbers that hold every sample observed in [from, to]: from the newest mark at or before
    /// <paramref name="from"/> (1 without one) to just before the oldest mark after <paramref name="to"/>
    /// (<paramref name="lastSequenceNr"/> without one).
    /// </summary>
    public (long From, long To) RangeFor(DateTimeOffset from, DateTimeOffset to, long lastSequenceNr)
    {
        var start = 1L;
        var end = lastSequenceNr;
        foreach (var mark in All)
        {
            if (mark.At <= from)
                start = mark.SequenceNr;
            else if (mark.At > to)
            {
                end = mark.SequenceNr - 1;
                break;
            }
        }
        return (start, Math.Max(start - 1, end));
    }

    /// <summary>By value (an ImmutableArray compares by reference), so a recovered state equals the live one.</summary>
    public bool Equals(HistoryIndex? other) => other is not null && All.SequenceEqual(other.All);

    public override int GetHashCode() => All.Length == 0 ? 0 : HashCode.Combine(All.Length, All[^1]);

    private static long Hour(DateTimeOffset at) => at.UtcTicks / TimeSpan.TicksPerHour;
}
