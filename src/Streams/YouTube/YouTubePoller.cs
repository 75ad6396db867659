using Akka;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Logging;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Watchlist;
using YouTubeAnalytics.Streams.Ingest;

namespace YouTubeAnalytics.Streams.YouTube;

/// <summary>Tunables of the poller. <c>Tick</c> is how often it looks for due videos; the schedule decides what is due.</summary>
public sealed record YouTubePollerSettings(TimeSpan PollInterval, TimeSpan Tick, TimeSpan ExpandInterval, int MaxPlaylistPages, int ExpansionReserve)
{
    public static YouTubePollerSettings For(TimeSpan pollInterval) => new(
        pollInterval,
        TimeSpan.FromTicks(Math.Clamp(pollInterval.Ticks / 10, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute)),
        TimeSpan.FromMinutes(30),
        MaxPlaylistPages: 20,
        ExpansionReserve: 500);
}

/// <summary>
/// The YouTube source: every tick one round (expand playlists and channels when due, then refresh the due videos
/// 50 ids a call) whose samples flow downstream; a round starts only when downstream took the last one, so the
/// poller never outruns the actors. Quota and key errors stop the calls as YouTube asks (see <see cref="RunRoundAsync"/>).
/// </summary>
public sealed partial class YouTubePoller : IVideoStatsSource
{
    private readonly YouTubeClient _client;
    private readonly QuotaBudget _budget;
    private readonly YouTubeStatus _status;
    private readonly YouTubePollerSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ILogger<YouTubePoller> _logger;
    private readonly PollSchedule _schedule;
    private readonly IWatchlist _watchlist;
    private readonly HashSet<WatchTarget> _expanded = [];
    private readonly Dictionary<string, string> _uploadsByChannel = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _oneRound = new(1, 1);
    private DateTimeOffset? _nextExpansionAt;

    public YouTubePoller(
        YouTubeClient client, QuotaBudget budget, YouTubeStatus status, IWatchlist watchlist,
        YouTubePollerSettings settings, TimeProvider clock, ILogger<YouTubePoller> logger)
    {
        _client = client;
        _budget = budget;
        _status = status;
        _watchlist = watchlist;
        _settings = settings;
        _clock = clock;
        _logger = logger;
        _schedule = new PollSchedule(settings.PollInterval);
    }

    public string Name => SampleSources.YouTube;

    public int WatchedVideos => _schedule.Count;

    public Cadence CadenceOf(string videoId) => _schedule.CadenceOf(videoId);

    public Source<VideoStatsObserved, NotUsed> Open() => YouTubeSources.Polling(RunRoundAsync, _settings.Tick);

    /// <summary>
    /// One round. quotaExceeded: nothing more until the next Pacific midnight. A refused key: nothing more at all
    /// (said once, naming the setting). 5xx and timeouts were already retried by the client: the round ends and the
    /// same videos are due next tick. Videos missing from an answer are reported unavailable once.
    /// </summary>
    public async Task<IReadOnlyList<VideoStatsObserved>> RunRoundAsync(CancellationToken cancellationToken)
    {
        var samples = new List<VideoStatsObserved>();
        if (_status.Halted is not null || _budget.BlockedUntil is not null)
            return samples;
        await _oneRound.WaitAsync(cancellationToken);
        try
        {
            var now = _clock.GetUtcNow();
            var watchlist = await _watchlist.CurrentAsync(cancellationToken);
            Follow(watchlist.VideoIds);
            var collections = watchlist.Targets.Where(t => t.Kind != WatchKind.Video).ToList();
            _expanded.IntersectWith(collections);
            var expandAll = _nextExpansionAt is null || now >= _nextExpansionAt;
            var toExpand = expandAll ? collections : collections.Where(c => !_expanded.Contains(c)).ToList();
            if (toExpand.Count > 0)
                await ExpandAsync(toExpand, now, cancellationToken);
            if (expandAll)
                _nextExpansionAt = now + _settings.ExpandInterval;

            // Units kept for reading playlists and channels; never more than a tenth of what is left.
            var reserve = collections.Count == 0 ? 0 : Math.Min(_settings.ExpansionReserve, _budget.Remaining / 10);
            var stretch = _schedule.Stretch(_budget.Remaining, _budget.UntilReset, reserve);
            foreach (var batch in _schedule.DueBatches(now, stretch))
            {
                var videos = await _client.ListVideosAsync(batch, cancellationToken);
                var observedAt = _clock.GetUtcNow();
                var found = new HashSet<string>(StringComparer.Ordinal);
                foreach (var video in videos)
                {
                    found.Add(video.Id);
                    _schedule.Observed(video.Id, video.ViewCount, video.PublishedAt, observedAt);
                    if (video.ViewCount is { } views)
                    {
                        samples.Add(new VideoStatsObserved(video.Id, video.ChannelId, video.Title, video.ChannelTitle,
                            video.PublishedAt, views, video.LikeCount, video.CommentCount, observedAt, SampleSources.YouTube)
                        { ThumbnailUrl = video.ThumbnailUrl });
                    }
                }
                foreach (var missing in batch.Where(id => !found.Contains(id)))
                {
                    if (_schedule.MarkUnavailable(missing, observedAt))
                        LogUnavailable(_logger, missing);
                }
            }
        }
        catch (YouTubeApiException e)
        {
            Handle(e);
        }
        finally
        {
            _oneRound.Release();
        }
        return samples;
    }

    /// <summary>The schedule follows the watchlist: ids added at runtime join, removed ones leave.</summary>
    private void Follow(IReadOnlyList<string> videoIds)
    {
        var wanted = videoIds.ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _schedule.VideoIds.Where(id => !wanted.Contains(id)).ToList())
            _schedule.Remove(gone);
        foreach (var id in videoIds)
            _schedule.Add(id);
    }

    /// <summary>
    /// Reads each playlist or channel uploads list whole (up to the page cap) and tells the watchlist, which keeps the
    /// new ids and raises the new-video alerts; the new ids are polled from this round on.
    /// </summary>
    private async Task ExpandAsync(IReadOnlyList<WatchTarget> collections, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var target in collections)
        {
            var playlistId = target.Kind == WatchKind.Playlist ? target.Id : await UploadsOfAsync(target.Id, cancellationToken);
            if (playlistId is null)
                continue;
            var ids = new List<string>();
            var tokens = new HashSet<string>(StringComparer.Ordinal);
            string? token = null;
            var pages = 0;
            do
            {
                var page = await _client.ListPlaylistItemsAsync(playlistId, token, cancellationToken);
                ids.AddRange(page.VideoIds);
                token = page.NextPageToken;
                if (token is not null && !tokens.Add(token))
                {
                    // YouTube handed back a page token it gave before: reading on would spend a unit a page for nothing.
                    LogPageTokenLoop(_logger, target.ToString());
                    break;
                }
            } while (token is not null && ++pages < _settings.MaxPlaylistPages);

            ids = [.. ids.Distinct(StringComparer.Ordinal)];
            await _watchlist.RecordDiscoveredAsync(target, ids, now, cancellationToken);
            _expanded.Add(target);
            var added = ids.Count(_schedule.Add);
            if (added > 0)
                LogExpanded(_logger, added, target.ToString());
        }
    }

    private async Task<string?> UploadsOfAsync(string channel, CancellationToken cancellationToken)
    {
        if (_uploadsByChannel.TryGetValue(channel, out var known))
            return known;
        var uploads = await _client.GetUploadsPlaylistAsync(channel, cancellationToken);
        if (uploads is null)
        {
            LogNoChannel(_logger, channel);
            return null;
        }
        _uploadsByChannel[channel] = uploads;
        return uploads;
    }

    private void Handle(YouTubeApiException e)
    {
        switch (e.Failure)
        {
            case YouTubeFailure.QuotaExhausted:
                LogQuota(_logger, e.Message, _budget.Exhaust());
                break;
            case YouTubeFailure.KeyRejected or YouTubeFailure.AccessDenied:
                _status.Halt(e.Message);
                LogHalted(_logger, e.Message);
                break;
            default:
                LogRoundFailed(_logger, e.Message);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "YouTube repeated a page token while listing {Target}: read up to the repeat")]
    private static partial void LogPageTokenLoop(ILogger logger, string target);

    [LoggerMessage(Level = LogLevel.Information, Message = "Video {VideoId} is no longer returned by YouTube (deleted or private); marked unavailable")]
    private static partial void LogUnavailable(ILogger logger, string videoId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} videos of {Target} joined the watchlist")]
    private static partial void LogExpanded(ILogger logger, int count, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {Channel} was not found on YouTube; it is skipped")]
    private static partial void LogNoChannel(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Error}; no YouTube calls until {Until:u} (midnight Pacific)")]
    private static partial void LogQuota(ILogger logger, string error, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Error}. YouTube polling has stopped.")]
    private static partial void LogHalted(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "YouTube round ended early: {Error}; the same videos are due next round")]
    private static partial void LogRoundFailed(ILogger logger, string error);
}

public static class YouTubeSources
{
    /// <summary>
    /// Runs <paramref name="round"/> every <paramref name="tick"/> and emits its samples. Ticks that come while a
    /// round or its samples are still in flight are dropped, so a slow downstream slows the polling, never queues it.
    /// Each run of the source has its own token, cancelled when the stream ends (stopped, killed or failed), so a
    /// round in flight, its calls and its retry waits end with it.
    /// </summary>
    public static Source<VideoStatsObserved, NotUsed> Polling(
        Func<CancellationToken, Task<IReadOnlyList<VideoStatsObserved>>> round, TimeSpan tick) =>
        Source.Setup((materializer, attributes) =>
            {
                var stopping = new CancellationTokenSource();
                return Source.Tick(TimeSpan.Zero, tick, NotUsed.Instance)
                    .SelectAsync(1, _ => round(stopping.Token))
                    .SelectMany(samples => samples)
                    .WatchTermination((_, done) =>
                    {
                        done.ContinueWith(t => stopping.Cancel(), TaskScheduler.Default);
                        return NotUsed.Instance;
                    });
            })
            .MapMaterializedValue(_ => NotUsed.Instance);
}
