using System.Text.Json;
using System.Text.Json.Serialization;

namespace YouTubeAnalytics.Streams.YouTube;

/// <summary>What is spent of one Pacific day's quota, and whether YouTube said it is gone; what a store keeps.</summary>
public sealed record QuotaSnapshot(DateOnly Day, int Spent, DateTimeOffset? BlockedUntil);

/// <summary>Keeps the day's count across restarts (a restart must not reset it).</summary>
public interface IQuotaStore
{
    QuotaSnapshot? Load();

    void Save(QuotaSnapshot snapshot);
}

/// <summary>
/// The Data API quota of one Google project: <c>limit</c> units per day, the day running from midnight to midnight
/// Pacific time (America/Los_Angeles, daylight saving included). Every call reserves its units before it is sent;
/// a quotaExceeded from YouTube blocks all calls until the next Pacific midnight. Thread-safe.
/// </summary>
public sealed class QuotaBudget
{
    public static TimeZoneInfo Pacific { get; } = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly IQuotaStore _store;
    private QuotaSnapshot _state;

    public QuotaBudget(int limit, TimeProvider clock, IQuotaStore store)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        Limit = limit;
        _clock = clock;
        _store = store;
        var today = PacificDay(clock.GetUtcNow());
        var saved = store.Load();
        _state = saved is not null && saved.Day == today ? saved : new QuotaSnapshot(today, 0, null);
    }

    public int Limit { get; }

    public int Spent => Current().Spent;

    public int Remaining => Math.Max(0, Limit - Spent);

    /// <summary>When calls may start again after YouTube said the quota is gone; null when they may be made now.</summary>
    public DateTimeOffset? BlockedUntil => Current().BlockedUntil;

    public TimeSpan UntilReset => NextPacificMidnight(_clock.GetUtcNow()) - _clock.GetUtcNow();

    /// <summary>Takes <paramref name="units"/> from today's budget; false (nothing taken) when blocked or not enough is left.</summary>
    public bool TryReserve(int units)
    {
        lock (_gate)
        {
            var state = Current();
            if (state.BlockedUntil is not null || state.Spent + units > Limit)
                return false;
            Save(state with { Spent = state.Spent + units });
            return true;
        }
    }

    /// <summary>YouTube said quotaExceeded: nothing more today, whatever our own count says.</summary>
    public DateTimeOffset Exhaust()
    {
        lock (_gate)
        {
            var until = NextPacificMidnight(_clock.GetUtcNow());
            Save(Current() with { Spent = Limit, BlockedUntil = until });
            return until;
        }
    }

    public static DateOnly PacificDay(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Pacific).DateTime);

    public static DateTimeOffset NextPacificMidnight(DateTimeOffset instant)
    {
        var midnight = TimeZoneInfo.ConvertTime(instant, Pacific).Date.AddDays(1);
        return new DateTimeOffset(midnight, Pacific.GetUtcOffset(midnight)).ToUniversalTime();
    }

    private QuotaSnapshot Current()
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            var today = PacificDay(now);
            if (_state.Day != today)
                Save(new QuotaSnapshot(today, 0, null));
            else if (_state.BlockedUntil is { } until && now >= until)
                Save(_state with { BlockedUntil = null });
            return _state;
        }
    }

    private void Save(QuotaSnapshot state)
    {
        _state = state;
        _store.Save(state);
    }
}

/// <summary>Keeps the quota count in a small JSON file, replaced atomically (write to a temp file, then move).</summary>
public sealed class FileQuotaStore(string path) : IQuotaStore
{
    public QuotaSnapshot? Load()
    {
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), QuotaJsonContext.Default.QuotaSnapshot);
        }
        catch (JsonException)
        {
            // A torn or foreign file: start the count from zero rather than refuse to start.
            return null;
        }
    }

    public void Save(QuotaSnapshot snapshot)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(snapshot, QuotaJsonContext.Default.QuotaSnapshot));
        File.Move(temp, full, overwrite: true);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(QuotaSnapshot))]
internal sealed partial class QuotaJsonContext : JsonSerializerContext;
