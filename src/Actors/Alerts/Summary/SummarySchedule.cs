using System.Globalization;

namespace YouTubeAnalytics.Actors.Alerts.Summary;

/// <summary>
/// When a chat's daily summary goes out: a local time of day in an IANA time zone (`HH:MM zone`, zone default UTC),
/// as `Telegram:DailySummaryAt` and `/summary HH:MM [zone]` give it. Pure: the caller passes the clock's time.
/// </summary>
public sealed record SummarySchedule(TimeOnly At, string Zone)
{
    public const string Format = "HH:MM [IANA zone], e.g. 08:00 Europe/Berlin";

    private TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(Zone);

    /// <summary>"08:00", "8:30 Europe/Berlin", "21:15 UTC"; false with the reason otherwise.</summary>
    public static bool TryParse(string? text, out SummarySchedule schedule, out string reason)
    {
        schedule = null!;
        var parts = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 1 or > 2
            || !TimeOnly.TryParseExact(parts[0], ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            reason = $"a daily summary time is {Format}";
            return false;
        }
        var zone = parts.Length == 2 ? parts[1] : "UTC";
        try
        {
            schedule = new SummarySchedule(at, TimeZoneInfo.FindSystemTimeZoneById(zone).Id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            reason = $"{zone} is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)";
            return false;
        }
        reason = "";
        return true;
    }

    /// <summary>The instant of the summary of local <paramref name="day"/> (a time skipped by a clock change: an hour later).</summary>
    public DateTimeOffset OccurrenceOn(DateOnly day)
    {
        var zone = TimeZone;
        var local = day.ToDateTime(At, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
            local = local.AddHours(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    /// <summary>The local day whose summary time is the latest at or before <paramref name="now"/>.</summary>
    public DateOnly LastDayAtOrBefore(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZone).DateTime);
        return OccurrenceOn(today) <= now ? today : today.AddDays(-1);
    }

    public override string ToString() => $"{At.ToString("HH:mm", CultureInfo.InvariantCulture)} {Zone}";
}
