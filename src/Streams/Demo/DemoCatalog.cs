using System.Security.Cryptography;
using System.Text;
using YouTubeAnalytics.Actors.Contracts;

namespace YouTubeAnalytics.Streams.Demo;

/// <summary>
/// The simulated videos. A quarter are fresh uploads: each slot publishes a new video every
/// <see cref="UploadCycle"/> (a new id), so there is always something young and fast-moving that alerts within a
/// minute or two and crosses milestones. The rest are mid-size, old evergreen and small spiky videos with fixed
/// publication dates. Everything is a function of the clock, so a restart continues the same curves.
/// </summary>
public sealed class DemoCatalog
{
    public static readonly TimeSpan UploadCycle = TimeSpan.FromHours(3);

    // Fixed so that counts are a function of the wall clock alone (see DemoVideo).
    private static readonly DateTimeOffset Epoch = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Titles =
    [
        "Building a sharded actor system in 20 minutes", "Lo-fi beats to refactor to", "I tried every keyboard switch",
        "Why your Kafka consumer lags", "Tom & Jerry <b>remix</b> (official)", "The 3am deploy: a documentary",
        "Sourdough for programmers", "Ranking every sorting algorithm", "<script>alert('hi')</script> explained",
        "We rebuilt our app in a weekend", "Cat reacts to compiler errors", "How milestones are really counted",
        "PostgreSQL vacuum, visualised", "Mountain bike POV: 40 km downhill", "Speedrun world record (any%)",
        "Learn Telegram bots in one video", "The history of the semicolon", "Street food tour: Hanoi",
        "Unboxing the cheapest laptop online", "Live coding: event sourcing", "Piano cover – \"Clair de Lune\"",
        "A day in the life of an SRE", "Why do trains hum?", "Top 10 debugging tricks",
        "Kitchen renovation timelapse", "Explaining quorum to my grandma", "Tiny house tour", "Chess: the 4-move trap",
        "Minimalist desk setup 2026", "Retro console restoration", "Drone flight over fjords", "Jazz guitar basics",
        "Hot sauce challenge (ouch)", "Building a wooden canoe", "Origami dragon tutorial", "Rust vs C#: a fair race",
    ];

    private static readonly string[] Channels = ["Actor Model Weekly", "Coffee & Code", "Everyday Curiosities", "Maker Hours"];

    private readonly Slot[] _slots;

    public DemoCatalog(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var random = new Random(20261101);
        _slots = Enumerable.Range(0, count).Select(i => new Slot(i, random)).ToArray();
    }

    public int Count => _slots.Length;

    /// <summary>One sample of every video as a poll at <paramref name="now"/> would see it.</summary>
    public IEnumerable<VideoStatsObserved> SamplesAt(DateTimeOffset now) => _slots.Select(s => s.VideoAt(now).SampleAt(now));

    /// <summary>The video each slot shows at <paramref name="now"/>.</summary>
    public IReadOnlyList<DemoVideo> VideosAt(DateTimeOffset now) => _slots.Select(s => s.VideoAt(now)).ToArray();

    /// <summary>A stable, valid 11-character video id for a key.</summary>
    public static string DemoVideoId(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"demo-video-{key}"));
        return Convert.ToBase64String(hash, 0, 8).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private sealed class Slot
    {
        private readonly int _index;
        private readonly bool _fresh;
        private readonly TimeSpan _uploadOffset;
        private readonly long _startViews;
        private readonly double _perMinute;
        private readonly double _boost;
        private readonly double _decayHours;
        private readonly double _spikeChance;
        private readonly DateTimeOffset _publishedAt;
        private readonly double? _likeRatio;
        private readonly double? _commentRatio;
        private DemoVideo? _current;
        private long _currentCycle = long.MinValue;

        public Slot(int index, Random random)
        {
            _index = index;
            var kind = index % 4; // 0: fresh upload, 1: steady mid-size, 2: old evergreen, 3: small and spiky
            _fresh = kind == 0;
            var ageDays = 0;
            _decayHours = _fresh ? 1.5 : 48;
            (ageDays, _startViews, _perMinute, _boost, _spikeChance) = kind switch
            {
                0 => (0, random.Next(0, 50), 5 + random.NextDouble() * 25, 8.0, 0.05),
                1 => (random.Next(5, 40), random.Next(20_000, 400_000), 5 + random.NextDouble() * 40, 1.0, 0.03),
                2 => (random.Next(200, 900), random.Next(900_000, 9_000_000), 10 + random.NextDouble() * 60, 0.0, 0.02),
                _ => (random.Next(1, 20), random.Next(3_000, 60_000), 1 + random.NextDouble() * 10, 2.0, 0.10),
            };
            _uploadOffset = TimeSpan.FromMinutes(random.Next(0, (int)UploadCycle.TotalMinutes));
            _publishedAt = Epoch.AddDays(-ageDays).AddMinutes(random.Next(0, 1440));
            _likeRatio = index % 7 == 6 ? null : 0.02 + random.NextDouble() * 0.04;
            _commentRatio = index % 9 == 8 ? null : 0.001 + random.NextDouble() * 0.004;
        }

        public DemoVideo VideoAt(DateTimeOffset now)
        {
            // A fresh-upload slot publishes a new video at its offset in every cycle.
            var cycle = _fresh ? (long)Math.Floor((now - Epoch - _uploadOffset) / UploadCycle) : 0;
            if (_current is not null && cycle == _currentCycle)
                return _current;
            _currentCycle = cycle;
            var publishedAt = _fresh ? Epoch + _uploadOffset + UploadCycle * cycle : _publishedAt;
            var channel = _index % Channels.Length;
            var title = Titles[_index % Titles.Length];
            _current = new DemoVideo(
                DemoVideoId(_fresh ? $"{_index}-{cycle}" : _index.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                title, "UC" + DemoVideoId($"channel-{channel}") + DemoVideoId($"channel-{channel}-b"), Channels[channel],
                publishedAt, _startViews, _perMinute, _boost, _decayHours, _spikeChance, quietChancePerHour: 0.15, _likeRatio, _commentRatio);
            return _current;
        }
    }
}
