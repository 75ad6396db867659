namespace YouTubeAnalytics.Streams.YouTube;

/// <summary>How often a video is refreshed, as a multiple of the poll period.</summary>
public enum Cadence
{
    /// <summary>New (under 2 days) or gaining at least 1% of its views an hour: every period.</summary>
    Fast = 1,

    /// <summary>Under 30 days old or gaining at least 0.1% an hour: every 3rd period.</summary>
    Steady = 3,

    /// <summary>Old and quiet: every 12th period.</summary>
    Quiet = 12,
}

/// <summary>
/// Which watched videos are due for a refresh. Pure logic (the caller gives the time): each video has a cadence from
/// its age and view velocity; the period stretches when the day's remaining quota would not cover the demand until
/// the Pacific reset; calls are filled up to 50 ids with the videos nearest to due (a free refresh). A broadcast that
/// is upcoming or live is refreshed every <c>liveInterval</c> instead (YouTube:LiveInterval), inside the same stretch.
/// </summary>
public sealed class PollSchedule(TimeSpan period, TimeSpan? liveInterval = null)
{
    /// <summary>YouTube:LiveInterval's default.</summary>
    public static readonly TimeSpan DefaultLiveInterval = TimeSpan.FromMinutes(1);

    public const int BatchSize = YouTubeClient.MaxIdsPerCall;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public TimeSpan Period { get; } = period;

    public TimeSpan LiveInterval { get; } = liveInterval ?? DefaultLiveInterval;

    /// <summary>How many watched videos are broadcasts upcoming or on air.</summary>
    public int LiveCount => _entries.Values.Count(e => e.Live);

    public int Count => _entries.Count;

    public bool Contains(string videoId) => _entries.ContainsKey(videoId);

    public IEnumerable<string> VideoIds => _entries.Keys;

    /// <summary>Adds a video (due at once); false when it is already watched.</summary>
    public bool Add(string videoId) => _entries.TryAdd(videoId, new Entry(null, null, null, Cadence.Fast, false, false));

    public bool Remove(string videoId) => _entries.Remove(videoId);

    public Cadence CadenceOf(string videoId) => _entries[videoId].Cadence;

    /// <summary>Whether the video was last seen as a broadcast upcoming or on air.</summary>
    public bool IsLive(string videoId) => _entries.TryGetValue(videoId, out var entry) && entry.Live;

    /// <summary>
    /// How much to stretch every interval so the calls needed until the reset fit the units left (1 = no stretch).
    /// <paramref name="reservedUnits"/> are kept for playlist and channel expansion.
    /// </summary>
    public double Stretch(int remainingUnits, TimeSpan untilReset, int reservedUnits = 0)
    {
        if (_entries.Count == 0 || untilReset <= TimeSpan.Zero)
            return 1;
        var refreshes = _entries.Values.Sum(e => untilReset / IntervalOf(e));
        var calls = refreshes / BatchSize;
        var available = Math.Max(1, remainingUnits - reservedUnits);
        return Math.Max(1, calls / available);
    }

    /// <summary>The ids to refresh now, in calls of at most 50: every due video, then a last call filled up.</summary>
    public IReadOnlyList<IReadOnlyList<string>> DueBatches(DateTimeOffset now, double stretch)
    {
        var ranked = _entries
            .Select(e => (Id: e.Key, Progress: Progress(e.Value, now, stretch)))
            .OrderByDescending(e => e.Progress)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
        var due = ranked.TakeWhile(e => e.Progress >= 1).Select(e => e.Id).ToList();
        if (due.Count == 0)
            return [];
        // The last call costs one unit however many ids it carries: top it up with videos at least half-way to due.
        var room = (BatchSize - due.Count % BatchSize) % BatchSize;
        due.AddRange(ranked.Skip(due.Count).TakeWhile(e => e.Progress >= 0.5).Take(room).Select(e => e.Id));
        return due.Chunk(BatchSize).Select(c => (IReadOnlyList<string>)c).ToList();
    }

    /// <summary>
    /// Folds in a refresh: the view velocity since the last one and the age set the next cadence; a broadcast upcoming
    /// or on air (<paramref name="live"/>) is due again after <see cref="LiveInterval"/>.
    /// </summary>
    public void Observed(string videoId, long? views, DateTimeOffset? publishedAt, DateTimeOffset now, bool live = false)
    {
        if (!_entries.TryGetValue(videoId, out var entry))
            return;
        var cadence = Classify(entry, views, publishedAt, now);
        _entries[videoId] = new Entry(now, views ?? entry.LastViews, publishedAt, cadence, false, live);
    }

    /// <summary>
    /// The video was not in YouTube's answer (deleted or private): true the first time, so the caller reports it
    /// once. It is checked again at the quiet cadence in case it comes back.
    /// </summary>
    public bool MarkUnavailable(string videoId, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(videoId, out var entry))
            return false;
        _entries[videoId] = entry with { LastRefreshedAt = now, Cadence = Cadence.Quiet, Unavailable = true, Live = false };
        return !entry.Unavailable;
    }

    private double Progress(Entry entry, DateTimeOffset now, double stretch) =>
        entry.LastRefreshedAt is not { } last ? double.MaxValue
            : (now - last) / (IntervalOf(entry) * stretch);

    private TimeSpan IntervalOf(Entry entry) => entry.Live ? LiveInterval : Period * (int)entry.Cadence;

    internal static Cadence Classify(Entry entry, long? views, DateTimeOffset? publishedAt, DateTimeOffset now)
    {
        var published = publishedAt ?? entry.PublishedAt;
        if (published is { } p && now - p < TimeSpan.FromDays(2))
            return Cadence.Fast;
        var hourlyGrowth = 0.0;
        if (entry.LastRefreshedAt is { } last && entry.LastViews is { } before && views is { } after && now > last)
            hourlyGrowth = (after - before) / Math.Max(1.0, before) / (now - last).TotalHours;
        if (hourlyGrowth >= 0.01)
            return Cadence.Fast;
        if (hourlyGrowth >= 0.001 || (published is { } q && now - q < TimeSpan.FromDays(30)))
            return Cadence.Steady;
        // Without two samples we cannot know it is quiet: keep it steady until we do.
        return entry.LastViews is null ? Cadence.Steady : Cadence.Quiet;
    }

    internal sealed record Entry(DateTimeOffset? LastRefreshedAt, long? LastViews, DateTimeOffset? PublishedAt, Cadence Cadence, bool Unavailable, bool Live);
}
