using System.Runtime.CompilerServices;
using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Logging;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Quota;
using YouTubeAnalytics.Actors.Watchlist;
using YouTubeAnalytics.Streams.Ingest;

namespace YouTubeAnalytics.Streams.YouTube;

/// <summary>Tunables of the poller. <c>Tick</c> is how often it looks for due videos; the schedule decides what is due.</summary>
/// <c>LiveInterval</c> is how often a broadcast upcoming or on air is refreshed (YouTube:LiveInterval); the tick never exceeds it.
/// <c>FullReadInterval</c>: how often a newest-first list (a channel's uploads) is read whole; in between it is read
/// from its first page down to the first video already seen.
public sealed record YouTubePollerSettings(TimeSpan PollInterval, TimeSpan Tick, TimeSpan ExpandInterval, int MaxPlaylistPages, int ExpansionReserve)
{
    public TimeSpan LiveInterval { get; init; } = PollSchedule.DefaultLiveInterval;

    public TimeSpan FullReadInterval { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Which method refreshes the counts (YouTube:StatsEndpoint); see <see cref="YouTube.StatsEndpoint"/>.</summary>
    public StatsEndpoint StatsEndpoint { get; init; } = StatsEndpoint.VideosList;

    /// <summary>With batchGetStats in use: how often videos.list describes a video again (title, thumbnail) in mode both.</summary>
    public TimeSpan DescriptionInterval { get; init; } = TimeSpan.FromDays(1);

    public static YouTubePollerSettings For(TimeSpan pollInterval, TimeSpan? liveInterval = null)
    {
        var live = liveInterval ?? PollSchedule.DefaultLiveInterval;
        return new(
            pollInterval,
            TimeSpan.FromTicks(Math.Min(Math.Clamp(pollInterval.Ticks / 10, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute), live.Ticks)),
            TimeSpan.FromMinutes(30),
            MaxPlaylistPages: 20,
            ExpansionReserve: 500)
        { LiveInterval = live };
    }
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
    private readonly Dictionary<WatchTarget, DateTimeOffset> _nextReadAt = [];
    private readonly Dictionary<WatchTarget, ListRead> _lastFullRead = [];
    private readonly HashSet<string> _skipReported = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _uploadsByChannel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Description> _descriptions = new(StringComparer.Ordinal);

    // The watchlist's pending new uploads (this round's reply plus what this round's expansions found): their samples are
    // flagged NewUpload, and the video decides which sample announces it (once; the alert id is the video's).
    private HashSet<string> _newUploads = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _oneRound = new(1, 1);

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
        _schedule = new PollSchedule(settings.PollInterval, settings.LiveInterval);
    }

    public string Name => SampleSources.YouTube;

    public int WatchedVideos => _schedule.Count;

    public Cadence CadenceOf(string videoId) => _schedule.CadenceOf(videoId);

    /// <summary>Watched broadcasts upcoming or on air (refreshed every YouTube:LiveInterval).</summary>
    public int LiveVideos => _schedule.LiveCount;

    public Source<VideoStatsObserved, NotUsed> Open(CancellationToken draining) =>
        YouTubeSources.Polling(token => RoundAsync(draining, token), _settings.Tick, draining);

    /// <summary>One round, the samples of its calls gathered (see <see cref="RoundAsync"/>).</summary>
    public async Task<IReadOnlyList<VideoStatsObserved>> RunRoundAsync(CancellationToken cancellationToken)
    {
        var samples = new List<VideoStatsObserved>();
        await foreach (var call in RoundAsync(CancellationToken.None, cancellationToken))
            samples.AddRange(call);
        return samples;
    }

    /// <summary>
    /// One round, yielding the samples of each videos.list call as it returns. Each playlist or channel due is read on
    /// its own: one that fails is reported to the watchlist (which journals its reason and backoff) and skipped until
    /// its retry time, the others and every video go on. quotaExceeded: nothing more until the next Pacific midnight.
    /// A refused key: nothing more at all (said once, naming the setting). Any other failed call (5xx and timeouts
    /// already retried by the client, an unreadable answer) ends that call only: its videos are due next tick.
    /// Videos missing from an answer are reported unavailable once. Once <paramref name="draining"/> is cancelled (a
    /// graceful stop) no further call starts; the one in flight ends normally and its samples are yielded.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<VideoStatsObserved>> RoundAsync(
        CancellationToken draining, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_status.Halted is not null || draining.IsCancellationRequested)
            yield break;
        await _oneRound.WaitAsync(cancellationToken);
        try
        {
            await ReadQuotaAsync(cancellationToken);
            if (!IsOpen(QuotaBuckets.DataApi) && (_settings.StatsEndpoint == StatsEndpoint.VideosList || !IsOpen(QuotaBuckets.BatchGetStats)))
                yield break;
            var now = _clock.GetUtcNow();
            var watchlist = await _watchlist.CurrentAsync(cancellationToken);
            Follow(watchlist.VideoIds);
            _newUploads = watchlist.NewUploads.ToHashSet(StringComparer.Ordinal);
            var collections = watchlist.Targets.Where(t => t.Kind != WatchKind.Video).ToList();
            if (IsOpen(QuotaBuckets.DataApi) && !await ExpandDueAsync(collections, watchlist, now, cancellationToken))
                yield break;

            var statsBucket = StatsBucket();
            // Units kept for reading playlists and channels; never more than a tenth of what is left.
            var reserve = collections.Count == 0 || statsBucket != QuotaBuckets.DataApi ? 0 : Math.Min(_settings.ExpansionReserve, _budget.Remaining / 10);
            var stretch = _schedule.Stretch(_budget.RemainingOf(statsBucket), _budget.UntilReset, reserve);
            var calls = RefreshPlan.For(_schedule.DueBatches(now, stretch), _settings.StatsEndpoint, _schedule.IsLive,
                _descriptions.ContainsKey, id => now - _descriptions[id].At >= _settings.DescriptionInterval,
                IsOpen(QuotaBuckets.DataApi), IsOpen(QuotaBuckets.BatchGetStats));
            var closed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var call in calls)
            {
                if (draining.IsCancellationRequested)
                    yield break;
                if (closed.Contains(call.Bucket))
                    continue; // its bucket went this round: the videos are due again next round, through the other if it is open
                var (samples, stop) = await RefreshAsync(call, cancellationToken);
                if (samples.Count > 0)
                    yield return samples;
                if (stop)
                    yield break;
                if (!IsOpen(call.Bucket))
                    closed.Add(call.Bucket);
            }
        }
        finally
        {
            _oneRound.Release();
        }
    }

    /// <summary>The owner's count (every node's spends), so the stretch sees them; kept as last seen if it does not answer.</summary>
    private async Task ReadQuotaAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _budget.ReadAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogQuotaUnread(_logger, e.GetType().Name);
        }
    }

    private bool IsOpen(string bucket) => _budget.RemainingOf(bucket) > 0;

    /// <summary>The bucket the counts come from this round: batchGetStats's when in use and open, else the Data API's.</summary>
    private string StatsBucket() => _settings.StatsEndpoint switch
    {
        StatsEndpoint.BatchGetStats => QuotaBuckets.BatchGetStats,
        StatsEndpoint.Both when IsOpen(QuotaBuckets.BatchGetStats) => QuotaBuckets.BatchGetStats,
        _ => QuotaBuckets.DataApi,
    };

    /// <summary>One videos.list or videos:batchGetStats call: its samples, and whether the round must stop (the key refused).</summary>
    private async Task<(IReadOnlyList<VideoStatsObserved> Samples, bool Stop)> RefreshAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        var batch = call.Ids;
        var counted = call.Method == YouTubeClient.BatchGetStatsMethod;
        VideoListAnswer answer;
        try
        {
            answer = counted
                ? await _client.BatchGetStatsAsync(batch, cancellationToken)
                : await _client.ListVideosAsync(batch, call.Purpose, cancellationToken);
        }
        catch (YouTubeApiException e) when (e.Failure is YouTubeFailure.Transient or YouTubeFailure.Request)
        {
            LogCallFailed(_logger, call.Method, e.Message, batch.Count);
            return ([], false);
        }
        catch (YouTubeApiException e)
        {
            await HandleAsync(e, call.Bucket, cancellationToken);
            // quotaExceeded stops this bucket only; the round goes on with the other one if the mode uses it.
            return ([], e.Failure != YouTubeFailure.QuotaExhausted || _settings.StatsEndpoint == StatsEndpoint.VideosList);
        }

        var observedAt = _clock.GetUtcNow();
        foreach (var item in answer.Skipped)
        {
            Actors.Metrics.PipelineMeter.YouTubeItemSkipped(item.Reason);
            if (_skipReported.Add(item.VideoId ?? item.Reason))
                LogItemSkipped(_logger, call.Method, item.VideoId ?? "(no valid id)", item.Reason, item.Detail);
        }
        var samples = new List<VideoStatsObserved>();
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var answered in answer.Videos)
        {
            var video = counted ? Described(answered) : Describe(answered, observedAt);
            found.Add(video.Id);
            _skipReported.Remove(video.Id);
            _schedule.Observed(video.Id, video.ViewCount, video.PublishedAt, observedAt, counted ? _schedule.IsLive(video.Id) : video.IsLiveOrUpcoming);
            if (video.ViewCount is { } views)
            {
                samples.Add(new VideoStatsObserved(video.Id, video.ChannelId, video.Title, video.ChannelTitle,
                    video.PublishedAt, views, video.LikeCount, video.CommentCount, observedAt, SampleSources.YouTube)
                {
                    ThumbnailUrl = video.ThumbnailUrl,
                    LiveBroadcastContent = video.LiveBroadcastContent,
                    ConcurrentViewers = video.ConcurrentViewers,
                    ActualStartTime = video.ActualStartTime,
                    ActualEndTime = video.ActualEndTime,
                    NewUpload = _newUploads.Contains(video.Id),
                });
            }
        }
        var unreadable = answer.Skipped.Select(s => s.VideoId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var missing in batch.Where(id => !found.Contains(id) && !unreadable.Contains(id)))
        {
            if (_schedule.MarkUnavailable(missing, observedAt))
                LogUnavailable(_logger, missing);
        }
        return (samples, false);
    }

    /// <summary>Keeps what videos.list said of the video (batchGetStats answers counts only) for the samples counted later.</summary>
    private YouTubeVideo Describe(YouTubeVideo video, DateTimeOffset at)
    {
        if (_settings.StatsEndpoint != StatsEndpoint.VideosList)
            _descriptions[video.Id] = new Description(video, at);
        return video;
    }

    /// <summary>A batchGetStats answer with the title, channel and thumbnail videos.list gave last.</summary>
    private YouTubeVideo Described(YouTubeVideo counts) =>
        _descriptions.TryGetValue(counts.Id, out var d)
            ? counts with
            {
                ChannelId = d.Video.ChannelId,
                Title = d.Video.Title,
                ChannelTitle = d.Video.ChannelTitle,
                PublishedAt = counts.PublishedAt ?? d.Video.PublishedAt,
                ThumbnailUrl = d.Video.ThumbnailUrl,
            }
            : counts;

    /// <summary>What videos.list last said of a video, and when.</summary>
    private sealed record Description(YouTubeVideo Video, DateTimeOffset At);

    /// <summary>The schedule follows the watchlist: ids added at runtime join, removed ones leave.</summary>
    private void Follow(IReadOnlyList<string> videoIds)
    {
        var wanted = videoIds.ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _schedule.VideoIds.Where(id => !wanted.Contains(id)).ToList())
        {
            _schedule.Remove(gone);
            _descriptions.Remove(gone);
        }
        foreach (var id in videoIds)
            _schedule.Add(id);
    }

    /// <summary>
    /// Reads each collection that is due: a new one at once, a working one every <c>ExpandInterval</c>, a failing one
    /// at the retry time the watchlist journaled (so a restart or another node keeps the backoff). False: the round
    /// must stop (quota gone, key refused).
    /// </summary>
    private async Task<bool> ExpandDueAsync(IReadOnlyList<WatchTarget> collections, WatchlistQueries.WatchlistReply watchlist,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var gone in _nextReadAt.Keys.Where(t => !collections.Contains(t)).ToList())
            _nextReadAt.Remove(gone);
        foreach (var gone in _lastFullRead.Keys.Where(t => !collections.Contains(t)).ToList())
            _lastFullRead.Remove(gone);
        foreach (var target in collections)
        {
            var health = watchlist.HealthOf(target);
            if (health.IsFailing && health.RetryAt > now)
                continue;
            if (!health.IsFailing && _nextReadAt.TryGetValue(target, out var due) && now < due)
                continue;
            string? failure;
            try
            {
                failure = await ExpandAsync(target, now, cancellationToken);
            }
            catch (YouTubeApiException e) when (IsTargetFailure(e))
            {
                failure = YouTubeTargetCheck.ReasonOf(e);
            }
            catch (YouTubeApiException e)
            {
                await HandleAsync(e, QuotaBuckets.DataApi, cancellationToken);
                // quotaExceeded: no more reading of lists today; the counts may still come from the other bucket.
                return e.Failure == YouTubeFailure.QuotaExhausted && _settings.StatsEndpoint != StatsEndpoint.VideosList;
            }
            var after = await _watchlist.RecordTargetHealthAsync(target, failure, now, cancellationToken);
            _nextReadAt[target] = after.RetryAt ?? now + _settings.ExpandInterval;
            if (failure is not null && !health.IsFailing)
                LogTargetFailing(_logger, target.ToString(), failure, after.RetryAt ?? now);
            else if (failure is null && health.IsFailing)
                LogTargetRecovered(_logger, target.ToString());
        }
        return true;
    }

    /// <summary>A failure of this one collection (see <see cref="YouTubeTargetCheck.IsTargetFailure"/>), or YouTube down for it.</summary>
    private static bool IsTargetFailure(YouTubeApiException e) =>
        e.Failure is YouTubeFailure.Transient || YouTubeTargetCheck.IsTargetFailure(e);

    /// <summary>
    /// Reads one playlist or channel uploads list and tells the watchlist, which keeps the new ids and answers which are
    /// new uploads (their samples are flagged, so the video raises the new-video alert); the new ids are polled from this round on. A newest-first list (a channel's uploads, a UU…
    /// playlist) read whole by this poller within <c>FullReadInterval</c> is read from its first page down to the first
    /// video already seen (usually one page); any other list, or one due its full read, is read whole (up to the page
    /// cap). Null: it worked; else why not.
    /// </summary>
    private async Task<string?> ExpandAsync(WatchTarget target, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var playlistId = target.Kind == WatchKind.Playlist ? target.Id : await UploadsOfAsync(target.Id, cancellationToken);
        if (playlistId is null)
            return YouTubeTargetCheck.NoSuchChannel;
        var newestFirst = target.Kind == WatchKind.Channel || playlistId.StartsWith("UU", StringComparison.Ordinal);
        var seen = newestFirst && _lastFullRead.TryGetValue(target, out var read) && now - read.At < _settings.FullReadInterval
            ? read.Seen
            : null;
        var ids = new List<string>();
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        var pages = 0;
        do
        {
            var page = await _client.ListPlaylistItemsAsync(playlistId, token, cancellationToken);
            var known = seen is null ? -1 : FirstSeen(page.VideoIds, seen);
            ids.AddRange(known < 0 ? page.VideoIds : page.VideoIds.Take(known));
            if (known >= 0)
                break; // newest first: everything below the first video seen was read before
            token = page.NextPageToken;
            if (token is not null && !tokens.Add(token))
            {
                // YouTube handed back a page token it gave before: reading on would spend a unit a page for nothing.
                LogPageTokenLoop(_logger, target.ToString());
                break;
            }
        } while (token is not null && ++pages < _settings.MaxPlaylistPages);

        ids = [.. ids.Distinct(StringComparer.Ordinal)];
        if (seen is null)
            _lastFullRead[target] = new ListRead(now, ids.ToHashSet(StringComparer.Ordinal));
        else
            seen.UnionWith(ids);
        _newUploads.UnionWith(await _watchlist.RecordDiscoveredAsync(target, ids, now, cancellationToken));
        var added = ids.Count(_schedule.Add);
        if (added > 0)
            LogExpanded(_logger, added, target.ToString());
        return null;
    }

    private static int FirstSeen(IReadOnlyList<string> ids, HashSet<string> seen)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (seen.Contains(ids[i]))
                return i;
        }
        return -1;
    }

    /// <summary>When this poller last read a list whole, and every video it has seen in it since.</summary>
    private sealed record ListRead(DateTimeOffset At, HashSet<string> Seen);

    private async Task<string?> UploadsOfAsync(string channel, CancellationToken cancellationToken)
    {
        if (_uploadsByChannel.TryGetValue(channel, out var known))
            return known;
        var uploads = await _client.GetUploadsPlaylistAsync(channel, cancellationToken);
        if (uploads is null)
            return null;
        _uploadsByChannel[channel] = uploads;
        return uploads;
    }

    private async Task HandleAsync(YouTubeApiException e, string bucket, CancellationToken cancellationToken)
    {
        switch (e.Failure)
        {
            case YouTubeFailure.QuotaExhausted:
                LogQuota(_logger, e.Message, bucket, await ExhaustAsync(bucket, cancellationToken));
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

    /// <summary>Blocks the bucket at its owner; if the owner does not answer, the next reservation asks it again.</summary>
    private async Task<DateTimeOffset> ExhaustAsync(string bucket, CancellationToken cancellationToken)
    {
        try
        {
            return await _budget.ExhaustAsync(bucket, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogQuotaUnread(_logger, e.GetType().Name);
            return QuotaLedger.NextPacificMidnight(_clock.GetUtcNow());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The quota's owner did not answer ({Error}); the figures last seen are used")]
    private static partial void LogQuotaUnread(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "YouTube repeated a page token while listing {Target}: read up to the repeat")]
    private static partial void LogPageTokenLoop(ILogger logger, string target);

    [LoggerMessage(Level = LogLevel.Information, Message = "Video {VideoId} is no longer returned by YouTube (deleted or private); marked unavailable")]
    private static partial void LogUnavailable(ILogger logger, string videoId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} videos of {Target} joined the watchlist")]
    private static partial void LogExpanded(ILogger logger, int count, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Target} cannot be read ({Reason}); the other targets and videos go on, it is tried again at {RetryAt:u}, then less often")]
    private static partial void LogTargetFailing(ILogger logger, string target, string reason, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Target} can be read again")]
    private static partial void LogTargetRecovered(ILogger logger, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} item for {VideoId} skipped ({Reason}: {Detail}); the rest of the answer is used")]
    private static partial void LogItemSkipped(ILogger logger, string method, string videoId, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Method} call failed: {Error}; its {Count} videos are due next round, the others go on")]
    private static partial void LogCallFailed(ILogger logger, string method, string error, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Error}; no calls from the {Bucket} quota bucket until {Until:u} (midnight Pacific)")]
    private static partial void LogQuota(ILogger logger, string error, string bucket, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Error}. YouTube polling has stopped.")]
    private static partial void LogHalted(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "YouTube round ended early: {Error}; the same videos are due next round")]
    private static partial void LogRoundFailed(ILogger logger, string error);
}

public static class YouTubeSources
{
    /// <summary>
    /// Runs <paramref name="round"/> every <paramref name="tick"/> and emits the samples of each of its calls as the call
    /// returns. Ticks that come while a round or its samples are still in flight are dropped, so a slow downstream slows
    /// the polling, never queues it. Each run of the source has its own token, cancelled when the stream ends (stopped,
    /// killed or failed), so a round in flight, its calls and its retry waits end with it. <paramref name="draining"/>
    /// is a graceful stop: no round starts after it, the round in flight ends after its current call (the round reads
    /// the token), what was fetched flows downstream, then the source completes.
    /// </summary>
    public static Source<T, NotUsed> Polling<T>(
        Func<CancellationToken, IAsyncEnumerable<IReadOnlyList<T>>> round, TimeSpan tick, CancellationToken draining) =>
        Source.Setup((materializer, attributes) =>
            {
                var stopping = new CancellationTokenSource();
                return Source.Tick(TimeSpan.Zero, tick, NotUsed.Instance)
                    .MapMaterializedValue(_ => NotUsed.Instance)
                    .Via(draining.AsFlow<NotUsed>(cancelGracefully: true))
                    .ConcatMany(_ => Source.From(() => round(stopping.Token)))
                    .SelectMany(samples => samples)
                    .WatchTermination((_, done) =>
                    {
                        done.ContinueWith(t => stopping.Cancel(), TaskScheduler.Default);
                        return NotUsed.Instance;
                    });
            })
            .MapMaterializedValue(_ => NotUsed.Instance);

    /// <summary>A round whose samples come at its end, as one call (see the other overload).</summary>
    public static Source<T, NotUsed> Polling<T>(
        Func<CancellationToken, Task<IReadOnlyList<T>>> round, TimeSpan tick, CancellationToken draining) =>
        Polling(token => AsOneCall(round, token), tick, draining);

    private static async IAsyncEnumerable<IReadOnlyList<T>> AsOneCall<T>(
        Func<CancellationToken, Task<IReadOnlyList<T>>> round, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return await round(cancellationToken);
    }
}
