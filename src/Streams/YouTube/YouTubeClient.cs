using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Actors.Quota;

namespace YouTubeAnalytics.Streams.YouTube;

/// <summary>Bounded retry of 5xx and timeouts: <c>Attempts</c> tries in all, the wait doubling from <c>FirstDelay</c>.</summary>
public sealed record YouTubeRetry(int Attempts, TimeSpan FirstDelay)
{
    public static YouTubeRetry Default { get; } = new(3, TimeSpan.FromSeconds(1));
}

/// <summary>
/// A typed client for the three Data API v3 methods the poller needs (1 unit each). The key travels in the
/// x-goog-api-key header, never in the URL; each attempt reserves its unit from the <see cref="QuotaBudget"/> first, in
/// the method's bucket and for the caller's purpose (<see cref="QuotaPurposes"/>).
/// The <see cref="HttpClient"/> carries the base URL (YouTube:BaseUrl, ending in '/').
/// </summary>
public sealed partial class YouTubeClient(HttpClient http, string apiKey, QuotaBudget budget, YouTubeRetry retry, ILogger<YouTubeClient> logger)
{
    public const int MaxIdsPerCall = 50;
    private const string KeyHeader = "x-goog-api-key";

    /// <summary>
    /// videos.list part=snippet,statistics,liveStreamingDetails for up to 50 ids (1 unit whatever the parts; YouTube
    /// returns liveStreamingDetails only for broadcasts); ids YouTube does not return (deleted, private) are absent.
    /// Items are read one by one: one that cannot be read, has an invalid id or one not asked for is skipped with its
    /// reason, the others are returned.
    /// </summary>
    public async Task<VideoListAnswer> ListVideosAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        await ListVideosAsync(ids, QuotaPurposes.VideoRefresh, cancellationToken);

    /// <inheritdoc cref="ListVideosAsync(IReadOnlyCollection{string}, CancellationToken)"/>
    public async Task<VideoListAnswer> ListVideosAsync(IReadOnlyCollection<string> ids, string purpose, CancellationToken cancellationToken)
    {
        if (ids.Count is 0 or > MaxIdsPerCall)
            throw new ArgumentOutOfRangeException(nameof(ids), $"videos.list takes 1 to {MaxIdsPerCall} ids");
        var response = await GetAsync(
            $"videos?part=snippet,statistics,liveStreamingDetails&maxResults={MaxIdsPerCall}&id={Uri.EscapeDataString(string.Join(',', ids))}",
            "videos.list", purpose, YouTubeJsonContext.Default.RawVideoListResponse, cancellationToken);
        return ReadVideos(response, ids);
    }

    /// <summary>The items of a videos.list or videos:batchGetStats answer, each read on its own (see <see cref="ListVideosAsync"/>).</summary>
    private static VideoListAnswer ReadVideos(RawVideoListResponse response, IReadOnlyCollection<string> ids)
    {
        var requested = ids.ToHashSet(StringComparer.Ordinal);
        var videos = new List<YouTubeVideo>();
        var skipped = new List<SkippedItem>();
        foreach (var item in response.Items ?? [])
        {
            VideoResource? resource;
            try
            {
                resource = item.Deserialize(YouTubeJsonContext.Default.VideoResource);
            }
            catch (JsonException e)
            {
                skipped.Add(new SkippedItem(IdOf(item), SkippedItem.Unreadable, e.Message));
                continue;
            }
            if (resource?.Id is not { } id || !Actors.Videos.VideoId.IsValid(id))
                skipped.Add(new SkippedItem(null, SkippedItem.InvalidId, "an item without a valid video id"));
            else if (!requested.Contains(id))
                skipped.Add(new SkippedItem(null, SkippedItem.NotRequested, "an item for an id that was not asked for"));
            else
                videos.Add(ToVideo(resource));
        }
        return new VideoListAnswer(videos, skipped);
    }

    /// <summary>The item's id when it is a valid video id (for the log line), else null: a foreign string is never echoed.</summary>
    private static string? IdOf(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            && id.GetString() is { } text && Actors.Videos.VideoId.IsValid(text) ? text : null;

    /// <summary>One page of playlistItems.list (50 items); pass the previous page's token to get the next.</summary>
    public async Task<PlaylistPage> ListPlaylistItemsAsync(string playlistId, string? pageToken, CancellationToken cancellationToken,
        string purpose = QuotaPurposes.Expansion)
    {
        var path = $"playlistItems?part=contentDetails&maxResults={MaxIdsPerCall}&playlistId={Uri.EscapeDataString(playlistId)}";
        if (pageToken is not null)
            path += $"&pageToken={Uri.EscapeDataString(pageToken)}";
        var response = await GetAsync(path, "playlistItems.list", purpose, YouTubeJsonContext.Default.PlaylistItemListResponse, cancellationToken);
        var ids = (response.Items ?? [])
            .Select(i => i.ContentDetails?.VideoId)
            .OfType<string>()
            .ToList();
        return new PlaylistPage(ids, string.IsNullOrEmpty(response.NextPageToken) ? null : response.NextPageToken);
    }

    /// <summary>channels.list part=contentDetails by UC… id or by @handle: the channel's uploads playlist, or null if there is no such channel.</summary>
    public async Task<string?> GetUploadsPlaylistAsync(string channelIdOrHandle, CancellationToken cancellationToken,
        string purpose = QuotaPurposes.Expansion)
    {
        var by = channelIdOrHandle.StartsWith('@') ? "forHandle" : "id";
        var response = await GetAsync(
            $"channels?part=contentDetails&{by}={Uri.EscapeDataString(channelIdOrHandle)}",
            "channels.list", purpose, YouTubeJsonContext.Default.ChannelListResponse, cancellationToken);
        return response.Items?.FirstOrDefault()?.ContentDetails?.RelatedPlaylists?.Uploads is { Length: > 0 } uploads ? uploads : null;
    }

    /// <summary>
    /// channels.list part=snippet,statistics (1 unit) for up to 50 UC… ids, or for one @handle (the answer names its
    /// id). A hidden subscriber count (hiddenSubscriberCount) is null, never the number sent beside it.
    /// </summary>
    public async Task<IReadOnlyList<YouTubeChannel>> ListChannelStatisticsAsync(IReadOnlyCollection<string> idsOrOneHandle, CancellationToken cancellationToken)
    {
        if (idsOrOneHandle.Count is 0 or > MaxIdsPerCall)
            throw new ArgumentOutOfRangeException(nameof(idsOrOneHandle), $"channels.list takes 1 to {MaxIdsPerCall} ids");
        var handle = idsOrOneHandle.Count == 1 && idsOrOneHandle.First().StartsWith('@');
        var query = handle ? $"forHandle={Uri.EscapeDataString(idsOrOneHandle.First())}" : $"id={Uri.EscapeDataString(string.Join(',', idsOrOneHandle))}";
        var response = await GetAsync(
            $"channels?part=snippet,statistics&maxResults={MaxIdsPerCall}&{query}",
            "channels.list", QuotaPurposes.ChannelStats, YouTubeJsonContext.Default.ChannelListResponse, cancellationToken);
        return (response.Items ?? []).Where(c => c.Id is not null).Select(c => new YouTubeChannel(
            c.Id!, c.Snippet?.Title,
            c.Statistics?.HiddenSubscriberCount == true ? null : ParseCount(c.Statistics?.SubscriberCount),
            ParseCount(c.Statistics?.ViewCount), ParseCount(c.Statistics?.VideoCount))).ToList();
    }

    private async Task<T> GetAsync<T>(string relativeUrl, string method, string purpose, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var delay = retry.FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(relativeUrl, method, purpose, type, cancellationToken);
            }
            catch (YouTubeApiException e) when (e.Failure == YouTubeFailure.Transient && attempt < retry.Attempts)
            {
                LogRetry(logger, method, attempt, e.Message, delay);
                await Task.Delay(delay, cancellationToken);
                delay *= 2;
            }
        }
    }

    /// <summary>The quota bucket a method's units come from: videos:batchGetStats has its own, every other method the Data API's.</summary>
    public static string BucketOf(string method) => method == BatchGetStatsMethod ? QuotaBuckets.BatchGetStats : QuotaBuckets.DataApi;

    private async Task<T> SendOnceAsync<T>(string relativeUrl, string method, string purpose, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var bucket = BucketOf(method);
        bool granted;
        try
        {
            granted = await budget.TryReserveAsync(bucket, purpose, 1, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // No call goes out unreserved: the owner of the quota (a cluster singleton) did not answer, try again later.
            throw new YouTubeApiException(YouTubeFailure.Transient, null, null, $"{method} not sent: the quota's owner did not answer ({e.GetType().Name})");
        }
        if (!granted)
        {
            throw new YouTubeApiException(YouTubeFailure.QuotaExhausted, null, "localBudget",
                $"{method} not sent: today's quota ({QuotaLimits.SettingOf(bucket)} = {budget.Limits.Of(bucket)} units) is spent");
        }

        Actors.Metrics.PipelineMeter.YouTubeCalled(method, units: 1, purpose, bucket);
        using var request = new HttpRequestMessage(HttpMethod.Get, relativeUrl);
        request.Headers.TryAddWithoutValidation(KeyHeader, apiKey);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new YouTubeApiException(YouTubeFailure.Transient, null, null,
                e is TaskCanceledException ? $"{method} timed out" : $"{method} failed to connect: {e.GetBaseException().Message}");
        }

        using (response)
        {
            byte[] bytes;
            try
            {
                // JSON is UTF-8 (RFC 8259): the bytes are read as such whatever charset the header declares.
                bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new YouTubeApiException(YouTubeFailure.Transient, (int)response.StatusCode, null, $"{method}: the answer broke off ({e.GetType().Name})");
            }
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return JsonSerializer.Deserialize(bytes, type)
                        ?? throw new YouTubeApiException(YouTubeFailure.Request, (int)response.StatusCode, null, $"{method} answered an empty body");
                }
                catch (JsonException e)
                {
                    throw new YouTubeApiException(YouTubeFailure.Request, (int)response.StatusCode, null, $"{method} answered JSON we cannot read: {e.Message}");
                }
            }
            throw Classify(method, response.StatusCode, System.Text.Encoding.UTF8.GetString(bytes));
        }
    }

    /// <summary>Branches on error.errors[0].reason (the HTTP code alone is not enough: 403 is both quota and forbidden).</summary>
    internal static YouTubeApiException Classify(string method, HttpStatusCode status, string body)
    {
        ErrorBody? error = null;
        try
        {
            error = JsonSerializer.Deserialize(body, YouTubeJsonContext.Default.ErrorResponse)?.Error;
        }
        catch (JsonException)
        {
            // Not YouTube's error shape (a proxy's HTML page): the status decides.
        }
        var reason = error?.Errors?.FirstOrDefault()?.Reason;
        var keyInvalid = reason is "keyInvalid" or "keyExpired"
            || error?.Details?.Any(d => d.Reason is "API_KEY_INVALID" or "API_KEY_EXPIRED") == true;
        var code = (int)status;
        return reason switch
        {
            _ when keyInvalid => new(YouTubeFailure.KeyRejected, code, reason,
                $"YouTube rejected the key in YouTube:ApiKey (YOUTUBE_API_KEY) ({reason ?? "API_KEY_INVALID"}): set a valid Data API key and restart"),
            "quotaExceeded" or "dailyLimitExceeded" => new(YouTubeFailure.QuotaExhausted, code, reason,
                $"{method}: YouTube says the daily quota is exceeded ({reason})"),
            "accessNotConfigured" or "forbidden" or "ipRefererBlocked" => new(YouTubeFailure.AccessDenied, code, reason,
                $"YouTube refused the key in YouTube:ApiKey (YOUTUBE_API_KEY) ({reason}): enable the YouTube Data API v3 for the key's project or lift its restrictions, then restart"),
            "rateLimitExceeded" or "userRateLimitExceeded" or "backendError" => new(YouTubeFailure.Transient, code, reason,
                $"{method}: YouTube asks to slow down ({reason})"),
            _ when code >= 500 => new(YouTubeFailure.Transient, code, reason, $"{method}: YouTube answered {code}"),
            _ => new(YouTubeFailure.Request, code, reason, $"{method}: YouTube answered {code} ({reason ?? "no reason"})"),
        };
    }

    private static YouTubeVideo ToVideo(VideoResource v) => new(
        v.Id!,
        v.Snippet?.ChannelId,
        v.Snippet?.Title,
        v.Snippet?.ChannelTitle,
        v.Snippet?.PublishedAt ?? v.Snippet?.PublishTime,
        ParseCount(v.Statistics?.ViewCount),
        ParseCount(v.Statistics?.LikeCount),
        ParseCount(v.Statistics?.CommentCount))
    {
        ThumbnailUrl = new[] { v.Snippet?.Thumbnails?.Medium, v.Snippet?.Thumbnails?.Default, v.Snippet?.Thumbnails?.High }
            .Select(t => t?.Url).FirstOrDefault(url => url is not null && VideoStatsObservedCodec.IsThumbnailUrl(url)),
        LiveBroadcastContent = LiveBroadcastContents.IsKnown(v.Snippet?.LiveBroadcastContent) ? v.Snippet!.LiveBroadcastContent : null,
        ConcurrentViewers = ParseCount(v.LiveStreamingDetails?.ConcurrentViewers),
        ActualStartTime = v.LiveStreamingDetails?.ActualStartTime,
        ActualEndTime = v.LiveStreamingDetails?.ActualEndTime,
    };

    /// <summary>Counts are JSON strings of digits; anything else (absent, "", "-1", "1.5") is treated as not reported.</summary>
    internal static long? ParseCount(string? raw) =>
        long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} attempt {Attempt} failed ({Error}); retrying in {Delay}")]
    private static partial void LogRetry(ILogger logger, string method, int attempt, string error, TimeSpan delay);
}
