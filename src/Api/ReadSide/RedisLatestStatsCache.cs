using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using YouTubeAnalytics.Actors.ReadSide;

namespace YouTubeAnalytics.Api.ReadSide;

/// <summary>
/// The cluster's read side (Redis:Configuration set). Processing nodes write each video's latest figures, a day of
/// view points and the leaderboards; any API node lists from them and hears every update on one pub/sub channel.
/// Keys: {prefix}video:{id} (JSON, expires after History:Retention), {prefix}points:{id} (sorted set by time),
/// {prefix}rank:{sort} (sorted sets), {prefix}channel:{channelId} (set of video ids); channel {prefix}updates.
/// </summary>
public sealed partial class RedisLatestStatsCache : ILatestStatsWriter, ILatestStatsReader, IVideoUpdateFeed, IVideoLeaderboard, IReadSideRetention, IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IConnectionMultiplexer _redis;
    private readonly string _prefix;
    private readonly TimeSpan _retention;
    private readonly ILogger _logger;
    private readonly Channel<VideoSummary> _pending = Channel.CreateBounded<VideoSummary>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly Subscribers<VideoListItem> _subscribers = new();
    private readonly Task _writer;
    private long _written;

    public RedisLatestStatsCache(IConnectionMultiplexer redis, TimeSpan retention, ILogger<RedisLatestStatsCache> logger, string prefix = "yta:")
    {
        _redis = redis;
        _prefix = prefix;
        _retention = retention;
        _logger = logger;
        _writer = Task.Run(WriteAllAsync);
        _ = Task.Run(SubscribeAsync);
    }

    public string Name => "redis";

    /// <summary>Updates written to Redis so far by this node.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Never blocks the calling actor: the write happens on this cache's own loop.</summary>
    public void Publish(VideoSummary summary) => _pending.Writer.TryWrite(summary);

    public async Task<VideoListItem?> FindAsync(string videoId, CancellationToken cancellationToken)
    {
        var json = await _redis.GetDatabase().StringGetAsync(VideoKey(videoId)).WaitAsync(cancellationToken);
        return json.HasValue ? JsonSerializer.Deserialize<VideoListItem>(json.ToString(), Json) : null;
    }

    public async Task<VideoPage> ListAsync(VideoQuery query, CancellationToken cancellationToken)
    {
        var db = _redis.GetDatabase();
        var ranked = await db.SortedSetRangeByRankWithScoresAsync(RankKey(query.Sort), 0, -1, Order.Descending).WaitAsync(cancellationToken);
        IEnumerable<SortedSetEntry> entries = ranked;
        if (query.ChannelId is not null)
        {
            var members = await db.SetMembersAsync(ChannelKey(query.ChannelId)).WaitAsync(cancellationToken);
            var inChannel = members.Select(m => m.ToString()).ToHashSet(StringComparer.Ordinal);
            entries = entries.Where(e => inChannel.Contains(e.Element.ToString()));
        }
        var ordered = entries.OrderByDescending(e => e.Score).ThenBy(e => e.Element.ToString(), StringComparer.Ordinal).ToList();
        var ids = ordered.Skip(QueryParameters.ItemsBefore(query.Page, query.PageSize)).Take(query.PageSize).Select(e => e.Element.ToString()).ToList();
        var values = ids.Count == 0 ? [] : await db.StringGetAsync([.. ids.Select(VideoKey)]).WaitAsync(cancellationToken);
        var items = values.Where(v => v.HasValue).Select(v => JsonSerializer.Deserialize<VideoListItem>(v.ToString(), Json)!).ToList();
        return new VideoPage(items, query.Page, query.PageSize, ordered.Count);
    }

    /// <summary>From the gain leaderboards: their scores are each video's latest gains.</summary>
    public async Task<ReadSideTotals> TotalsAsync(CancellationToken cancellationToken)
    {
        var db = _redis.GetDatabase();
        var hour = db.SortedSetRangeByRankWithScoresAsync(RankKey(VideoSort.Change1h));
        var day = db.SortedSetRangeByRankWithScoresAsync(RankKey(VideoSort.Change24h));
        await Task.WhenAll(hour, day).WaitAsync(cancellationToken);
        var (hourGains, dayGains) = (await hour, await day);
        return new ReadSideTotals(hourGains.Length, (long)hourGains.Sum(e => e.Score), (long)dayGains.Sum(e => e.Score));
    }

    public IDisposable Subscribe(Action<VideoListItem> onUpdate) => _subscribers.Add(onUpdate);

    /// <summary>Windows up to an hour rank by the hour's gain, longer ones by the day's.</summary>
    public Task<IReadOnlyList<VideoMover>> TopMoversAsync(TimeSpan window, int count, CancellationToken cancellationToken) =>
        Leaderboards.TopMoversAsync(this, window, count, cancellationToken);

    /// <summary>
    /// The rank sets and channel sets outlive the video keys (which expire after History:Retention): removes from them
    /// every id whose video key is gone or holds figures older than <paramref name="cutoff"/> (then deleted with its points).
    /// </summary>
    public async Task<int> RemoveExpiredAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var db = _redis.GetDatabase();
        var sorts = Enum.GetValues<VideoSort>();
        var ranked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sort in sorts)
            foreach (var member in await db.SortedSetRangeByRankAsync(RankKey(sort)).WaitAsync(cancellationToken))
                ranked.Add(member.ToString());
        var ids = ranked.Order(StringComparer.Ordinal).ToList();
        var expired = new List<string>();
        foreach (var chunk in ids.Chunk(500))
        {
            var values = await db.StringGetAsync([.. chunk.Select(VideoKey)]).WaitAsync(cancellationToken);
            for (var i = 0; i < chunk.Length; i++)
            {
                if (!values[i].HasValue || JsonSerializer.Deserialize<VideoListItem>(values[i].ToString(), Json) is not { } item || item.ObservedAt < cutoff)
                    expired.Add(chunk[i]);
            }
        }
        if (expired.Count == 0)
            return 0;
        var members = expired.Select(id => (RedisValue)id).ToArray();
        foreach (var sort in sorts)
            await db.SortedSetRemoveAsync(RankKey(sort), members).WaitAsync(cancellationToken);
        foreach (var server in _redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
            await foreach (var channelKey in server.KeysAsync(db.Database, _prefix + "channel:*").WithCancellation(cancellationToken))
                await db.SetRemoveAsync(channelKey, members).WaitAsync(cancellationToken);
        await db.KeyDeleteAsync([.. expired.SelectMany(id => new[] { VideoKey(id), PointsKey(id) })]).WaitAsync(cancellationToken);
        return expired.Count;
    }

    /// <summary>PING for /health/ready.</summary>
    public async Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            var latency = await _redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            return HealthCheckResult.Healthy($"Redis answers in {latency.TotalMilliseconds:0} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException)
        {
            // The kind only: a client message can name the endpoint and its options.
            return HealthCheckResult.Unhealthy($"Redis does not answer: {ex.GetType().Name}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Until Redis first answers (the process may start before it); the client renews it after reconnects.</summary>
    private async Task SubscribeAsync()
    {
        while (!_pending.Reader.Completion.IsCompleted)
        {
            try
            {
                await _redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(_prefix + "updates"), (_, message) => OnUpdate(message));
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    private async Task WriteAllAsync()
    {
        await foreach (var summary in _pending.Reader.ReadAllAsync())
        {
            try
            {
                await WriteAsync(summary);
                Interlocked.Increment(ref _written);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogWriteFailed(_logger, summary.VideoId, ex.GetType().Name);
            }
        }
    }

    /// <summary>
    /// One video's update. Only the node hosting the VideoActor writes its keys, one update at a time, so reading
    /// the points and then writing them back cannot race another writer of the same video.
    /// </summary>
    private async Task WriteAsync(VideoSummary summary)
    {
        var db = _redis.GetDatabase();
        var pointsKey = PointsKey(summary.VideoId);
        var at = summary.ObservedAt.ToUnixTimeMilliseconds();
        var stored = await db.SortedSetRangeByScoreAsync(pointsKey, at - (long)ViewChanges.Day.TotalMilliseconds * 2, double.PositiveInfinity);
        var points = stored.Select(ParsePoint).OfType<ViewPoint>().OrderBy(p => p.At).ToList();
        if (points.Count > 0 && points[^1].At >= summary.ObservedAt)
            return; // stale: a newer update is stored already
        var point = new ViewPoint(summary.ObservedAt, summary.ViewCount);
        var kept = ViewChanges.Append(points, point);
        var item = VideoListItem.From(summary, kept, point);
        var json = JsonSerializer.Serialize(item, Json);

        var batch = db.CreateBatch();
        var writes = new List<Task>
        {
            batch.StringSetAsync(VideoKey(item.VideoId), json, _retention),
        };
        if (kept.Count > 0 && kept[^1] == point)
            writes.Add(batch.SortedSetAddAsync(pointsKey, $"{at}:{summary.ViewCount}", at));
        if (kept.Count > 0)
            writes.Add(batch.SortedSetRemoveRangeByScoreAsync(pointsKey, double.NegativeInfinity, kept[0].At.ToUnixTimeMilliseconds(), Exclude.Stop));
        writes.Add(batch.KeyExpireAsync(pointsKey, ViewChanges.Day * 2));
        foreach (var sort in Enum.GetValues<VideoSort>())
            writes.Add(batch.SortedSetAddAsync(RankKey(sort), item.VideoId, item.Score(sort)));
        if (item.ChannelId is not null)
            writes.Add(batch.SetAddAsync(ChannelKey(item.ChannelId), item.VideoId));
        writes.Add(batch.PublishAsync(RedisChannel.Literal(_prefix + "updates"), json));
        batch.Execute();
        await Task.WhenAll(writes);
    }

    private void OnUpdate(RedisValue message)
    {
        VideoListItem? item;
        try
        {
            item = JsonSerializer.Deserialize<VideoListItem>(message.ToString(), Json);
        }
        catch (JsonException)
        {
            return; // not ours: someone else publishes on the channel
        }
        if (item is not null)
            _subscribers.Notify(item);
    }

    private static ViewPoint? ParsePoint(RedisValue member)
    {
        var parts = member.ToString().Split(':');
        return parts.Length == 2
               && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
               && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var views)
            ? new ViewPoint(DateTimeOffset.FromUnixTimeMilliseconds(ms), views)
            : null;
    }

    private RedisKey VideoKey(string id) => _prefix + "video:" + id;

    private RedisKey PointsKey(string id) => _prefix + "points:" + id;

    private RedisKey RankKey(VideoSort sort) => _prefix + "rank:" + sort.ToString().ToLowerInvariant();

    private RedisKey ChannelKey(string channelId) => _prefix + "channel:" + channelId;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write video {VideoId} to Redis ({Failure}); its next sample will")]
    private static partial void LogWriteFailed(ILogger logger, string videoId, string failure);
}
