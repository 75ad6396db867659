using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Api.Tests.Summary;

public sealed class SummaryApiSpecs : ApiSpec
{
    [Fact]
    public async Task Should_add_up_the_videos_their_gains_and_todays_alerts()
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        // +10% each time: "aaaaaaaaaaa" raises two alerts; "bbbbbbbbbbb" gains 50 views, too little for one.
        await Ingest(
            Sample("aaaaaaaaaaa", 0, 10_000) with { ObservedAt = start },
            Sample("aaaaaaaaaaa", 0, 11_000) with { ObservedAt = start.AddMinutes(5) },
            Sample("aaaaaaaaaaa", 0, 12_100) with { ObservedAt = start.AddMinutes(10) },
            Sample("bbbbbbbbbbb", 0, 123_000) with { ObservedAt = start },
            Sample("bbbbbbbbbbb", 0, 123_050) with { ObservedAt = start.AddMinutes(10) });
        await Eventually.Holds(async () =>
            Assert.Equal(2, (await Get("/alerts")).Body.GetProperty("total").GetInt32()), cancellationToken: Cancel);

        var (status, summary, _) = await Get("/summary");

        Assert.Equal(200, status);
        Assert.Equal(2, summary.GetProperty("videosTracked").GetInt32());
        Assert.Equal(2_100 + 50, summary.GetProperty("viewsGained1h").GetInt64());
        Assert.Equal(2_100 + 50, summary.GetProperty("viewsGained24h").GetInt64());
        Assert.Equal(2, summary.GetProperty("alertsLastHour").GetInt32());
        var dayStart = summary.GetProperty("dayStartedAt").GetDateTimeOffset();
        Assert.Equal(DateTimeOffset.UtcNow.UtcDateTime.Date, dayStart.UtcDateTime);
        var today = (await Get("/alerts")).Body.GetProperty("items").EnumerateArray()
            .Count(a => a.GetProperty("observedAt").GetDateTimeOffset() >= dayStart); // 2, or fewer just after midnight UTC
        Assert.Equal(today, summary.GetProperty("alertsToday").GetInt32());
    }
}
