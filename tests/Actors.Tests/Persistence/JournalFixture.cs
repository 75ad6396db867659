using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Watchlist;
using static YouTubeAnalytics.Actors.Tests.Support.Samples;

namespace YouTubeAnalytics.Actors.Tests.Persistence;

/// <summary>
/// What the checked-in journal of <c>Fixtures/</c> holds: the commands the writer gave the actors. The writer
/// (<see cref="JournalFixtureWriter"/>) replays them on the code of its day; <see cref="JournalMigrationSpecs"/>
/// reads that file with today's code and expects the state these commands give.
/// </summary>
public static class JournalFixture
{
    /// <summary>Written by the code of commit b5d2eba (2026-12-02), before the watchlist's new-upload event had its own manifest.</summary>
    public const string JournalFile = "journal-2026-12-02.db";

    /// <summary>Raw-topic record values (youtube-raw-data), one a line, as that code's producer encoded them.</summary>
    public const string RawTopicFile = "raw-topic-2026-12-02.jsonl";

    public const string Playlist = "PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf";
    public const string BaselineVideo = "dQw4w9WgXcQ";
    public const string NewUpload = "jNQXAC9IVRw";

    /// <summary>Snapshots every 3 events: the video's journal holds a snapshot (at its 7th event) and an event after it.</summary>
    public const int SnapshotEvery = 3;

    public static readonly DateTimeOffset Now = T0.AddDays(1);

    /// <summary>Six samples of one video; the second (+10 %) and the fifth (+20 %) raise alerts.</summary>
    public static readonly IReadOnlyList<VideoStatsObserved> VideoSamples =
    [
        At(0, 10_000),
        At(1, 11_000),
        At(2, 11_050),
        At(3, 11_100),
        At(4, 13_320, likes: 150, comments: null),
        At(5, 13_400, likes: null, comments: 12),
    ];

    public static readonly WatchTarget WatchedPlaylist = WatchTarget.Playlist(Playlist);

    /// <summary>Two expansions of the watched playlist: the baseline, then one new upload (an alert).</summary>
    public static readonly IReadOnlyList<IReadOnlyList<string>> Expansions = [[BaselineVideo], [NewUpload, BaselineVideo]];
}
