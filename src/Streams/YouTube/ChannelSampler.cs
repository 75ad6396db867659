using Akka;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Logging;
using YouTubeAnalytics.Actors.Channels;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Watchlist;
using YouTubeAnalytics.Streams.Ingest;

namespace YouTubeAnalytics.Streams.YouTube;

/// <summary>
/// Samples every watched channel's statistics on its own cadence (YouTube:ChannelInterval): channels.list
/// part=snippet,statistics, 50 ids a call, 1 unit, from the same <see cref="QuotaBudget"/> as the video refreshes.
/// An @handle costs one call of its own once (the answer names its UC… id, kept in the <see cref="ChannelDirectory"/>)
/// and is sampled by id from then on. Quota and key errors stop the calls as they stop the video poller.
/// </summary>
public sealed partial class ChannelSampler(
    YouTubeClient client, QuotaBudget budget, YouTubeStatus status, IWatchlist watchlist, ChannelDirectory directory,
    TimeSpan interval, TimeProvider clock, ILogger<ChannelSampler> logger) : IChannelStatsSource
{
    private readonly Dictionary<string, DateTimeOffset> _sampledAt = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _oneRound = new(1, 1);

    /// <summary>How often the sampler looks for due channels: a thirtieth of the interval, between 1 s and 1 min.</summary>
    public TimeSpan Tick => TimeSpan.FromTicks(Math.Clamp(interval.Ticks / 30, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));

    public Source<ChannelStatsObserved, NotUsed> Open(CancellationToken draining) => YouTubeSources.Polling(RunRoundAsync, Tick, draining);

    /// <summary>One round: unresolved handles one call each, then the due channel ids 50 a call.</summary>
    public async Task<IReadOnlyList<ChannelStatsObserved>> RunRoundAsync(CancellationToken cancellationToken)
    {
        var samples = new List<ChannelStatsObserved>();
        if (status.Halted is not null || budget.BlockedUntil is not null)
            return samples;
        await _oneRound.WaitAsync(cancellationToken);
        try
        {
            await ReadQuotaAsync(cancellationToken);
            if (budget.Remaining == 0)
                return samples;
            var now = clock.GetUtcNow();
            var watched = (await watchlist.CurrentAsync(cancellationToken)).Targets
                .Where(t => t.Kind == WatchKind.Channel).Select(t => t.Id).ToList();
            foreach (var handle in watched.Where(t => t.StartsWith('@') && directory.IdOf(t) is null && IsDue(t, now)))
            {
                _sampledAt[handle] = now; // a handle YouTube does not know is asked again an interval later
                var found = await client.ListChannelStatisticsAsync([handle], cancellationToken);
                if (found.Count == 0)
                {
                    LogNoChannel(logger, handle);
                    continue;
                }
                directory.Resolved(handle, found[0].Id);
                Collect(found, [found[0].Id], samples);
            }
            var due = watched.Select(directory.Resolve).OfType<string>().Distinct(StringComparer.Ordinal)
                .Where(id => IsDue(id, now)).ToList();
            foreach (var batch in due.Chunk(YouTubeClient.MaxIdsPerCall))
                Collect(await client.ListChannelStatisticsAsync(batch, cancellationToken), batch, samples);
        }
        catch (YouTubeApiException e)
        {
            switch (e.Failure)
            {
                case YouTubeFailure.QuotaExhausted:
                    LogQuota(logger, e.Message, await budget.ExhaustAsync(Actors.Quota.QuotaBuckets.DataApi, cancellationToken));
                    break;
                case YouTubeFailure.KeyRejected or YouTubeFailure.AccessDenied:
                    status.Halt(e.Message);
                    break;
                default:
                    LogRoundFailed(logger, e.Message);
                    break;
            }
        }
        finally
        {
            _oneRound.Release();
        }
        return samples;
    }

    /// <summary>The owner's count (every node's spends); kept as last seen if it does not answer (a reservation asks again).</summary>
    private async Task ReadQuotaAsync(CancellationToken cancellationToken)
    {
        try
        {
            await budget.ReadAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRoundFailed(logger, $"the quota's owner did not answer ({e.GetType().Name})");
        }
    }

    private bool IsDue(string key, DateTimeOffset now) => !_sampledAt.TryGetValue(key, out var at) || now - at >= interval;

    private void Collect(IReadOnlyList<YouTubeChannel> channels, IReadOnlyCollection<string> asked, List<ChannelStatsObserved> samples)
    {
        var observedAt = clock.GetUtcNow();
        foreach (var id in asked)
            _sampledAt[id] = observedAt; // missing ones too: a deleted channel is asked again an interval later
        foreach (var c in channels)
        {
            if (c is { ViewCount: { } views, VideoCount: { } videos })
                samples.Add(new ChannelStatsObserved(c.Id, c.Title, c.SubscriberCount, views, videos, observedAt, SampleSources.YouTube));
        }
        foreach (var missing in asked.Where(id => channels.All(c => c.Id != id)))
            LogNoChannel(logger, missing);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {Channel} was not found on YouTube; asked again next interval")]
    private static partial void LogNoChannel(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Error}; no channel samples until {Until:u} (midnight Pacific)")]
    private static partial void LogQuota(ILogger logger, string error, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel round ended early: {Error}; the same channels are due next round")]
    private static partial void LogRoundFailed(ILogger logger, string error);
}
