using YouTubeAnalytics.Actors.Alerts.Summary;
using YouTubeAnalytics.Actors.ReadSide;
using YouTubeAnalytics.Api.Alerts;
using YouTubeAnalytics.Api.ReadSide;
using YouTubeAnalytics.Streams.Telegram;

namespace YouTubeAnalytics.Host.Telegram;

/// <summary>
/// The daily summary's figures from what this node already keeps: the top gainers of the last day from the read side's
/// leaderboard, the totals from the read side, the alerts from this node's alert feed (the journal's "alert" tag).
/// <see cref="DailyFigures.Of"/> decides what is kept; this only reads. The leaderboard and totals are those of the
/// time of reading (a summary sent late, after the node was down, reports the last 24 h up to then).
/// </summary>
public sealed class ReadSideDailyFigures(IVideoLeaderboard leaderboard, ILatestStatsReader reader, AlertFeed alerts) : IDailyFiguresSource
{
    public async Task<DailyFigures> ReadAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        var movers = await leaderboard.TopMoversAsync(DailyFigures.Day, DailySummaryHtml.Listed, cancellationToken);
        var totals = await reader.TotalsAsync(cancellationToken);
        return DailyFigures.Of(until, movers, alerts.Between(until - DailyFigures.Day, until), totals.Videos, totals.ViewsGained24h,
            DailySummaryHtml.Listed);
    }
}
