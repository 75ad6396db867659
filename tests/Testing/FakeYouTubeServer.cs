using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace YouTubeAnalytics.Testing;

/// <summary>
/// A local YouTube Data API v3 on a real Kestrel port (127.0.0.1:0) that answers in the shapes of
/// ../shared/fixtures/youtube: counts as strings, likeCount absent when hidden, unknown ids left out of items,
/// pageToken paging, errors as error.errors[0].reason. It checks the x-goog-api-key header, counts the units
/// each method costs, and records every request URL. Failures can be queued per method.
/// </summary>
public sealed class FakeYouTubeServer : IAsyncDisposable
{
    public const string ValidKey = "AIzaSy-test-key-0123456789abcdefghijk";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _units = new();
    private readonly ConcurrentQueue<string> _urls = new();
    private readonly ConcurrentDictionary<string, int> _served = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string Body)>> _failures = new();

    public ConcurrentDictionary<string, FakeVideo> Videos { get; } = new();

    public ConcurrentDictionary<string, List<string>> Playlists { get; } = new();

    /// <summary>Playlists whose every page answers the same nextPageToken: a page token loop.</summary>
    public ConcurrentDictionary<string, bool> LoopingPlaylists { get; } = new();

    /// <summary>Per video, how many videos.list answers carried it with a readable viewCount: samples it served.</summary>
    public IReadOnlyDictionary<string, int> ServedSamples => _served;

    /// <summary>Channel id → (handle, uploads playlist id).</summary>
    public ConcurrentDictionary<string, (string Handle, string Uploads)> Channels { get; } = new();

    /// <summary>
    /// Channel id → statistics, answered by channels.list when part names statistics (and snippet): the subscriber
    /// count rounded down to three significant figures as YouTube publishes it. <see cref="FakeChannel.Handle"/> is
    /// answered to forHandle.
    /// </summary>
    public ConcurrentDictionary<string, FakeChannel> ChannelStatistics { get; } = new();
    /// <summary>Items added to every videos.list answer whether asked for or not (an id YouTube should not have sent).</summary>
    public ConcurrentBag<string> ForeignItemIds { get; } = [];

    /// <summary>When set, every answer declares this charset in its Content-Type (e.g. "bogus-7"); the body stays UTF-8.</summary>
    public volatile string? Charset;

    /// <summary>How long each videos.list call takes before it answers (a slow YouTube: a round of many calls takes seconds).</summary>
    public TimeSpan VideosListLatency { get; set; }

    /// <summary>While true every call answers 403 quotaExceeded (and costs nothing, as at YouTube once the quota is gone).</summary>
    public volatile bool QuotaGone;

    /// <summary>Methods whose quota bucket is gone: they answer 403 quotaExceeded (costing nothing), the others go on.</summary>
    public ConcurrentDictionary<string, bool> QuotaGoneFor { get; } = new();

    private FakeYouTubeServer(WebApplication app, string key)
    {
        _app = app;
        Key = key;
    }

    /// <summary>The key this server accepts in x-goog-api-key (<see cref="ValidKey"/> unless the test chose another).</summary>
    public string Key { get; }

    public string BaseUrl { get; private set; } = "";

    public int Units(string method) => _units.GetValueOrDefault(method);

    public int TotalUnits => _units.Values.Sum();

    public IReadOnlyList<string> RequestUrls => [.. _urls];

    public void FailNext(string method, int status, string body) =>
        _failures.GetOrAdd(method, _ => new()).Enqueue((status, body));

    public static async Task<FakeYouTubeServer> StartAsync(string key = ValidKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeYouTubeServer(app, key);
        app.MapGet("/youtube/v3/videos", async (HttpContext c) =>
        {
            if (server.VideosListLatency > TimeSpan.Zero)
                await Task.Delay(server.VideosListLatency, c.RequestAborted); // the latency of the simulated YouTube
            return server.Answer(c, "videos.list", server.ListVideos);
        });
        app.MapGet("/youtube/v3/playlistItems", (HttpContext c) => server.Answer(c, "playlistItems.list", server.ListPlaylistItems));
        app.MapGet("/youtube/v3/channels", (HttpContext c) => server.Answer(c, "channels.list", server.ListChannels));
        app.MapGet("/youtube/v3/videos:batchGetStats", (HttpContext c) => server.Answer(c, "videos.batchGetStats", server.BatchGetStats));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = address.TrimEnd('/') + "/youtube/v3/";
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private IResult Answer(HttpContext context, string method, Func<IQueryCollection, IResult> answer)
    {
        _urls.Enqueue(context.Request.Path + context.Request.QueryString);
        if (context.Request.Headers["x-goog-api-key"].ToString() != Key)
        {
            Cost(method);
            return Error(400, "badRequest", "API key not valid. Please pass a valid API key.", "API_KEY_INVALID");
        }
        if (QuotaGone || QuotaGoneFor.ContainsKey(method))
            return Error(403, "quotaExceeded", "The request cannot be completed because you have exceeded your quota.");
        Cost(method);
        if (_failures.TryGetValue(method, out var queue) && queue.TryDequeue(out var failure))
            return Results.Text(failure.Body, "application/json", statusCode: failure.Status);
        return answer(context.Request.Query);
    }

    private void Cost(string method) => _units.AddOrUpdate(method, 1, (_, n) => n + 1);

    private IResult ListVideos(IQueryCollection query)
    {
        var ids = query["id"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length > 50)
            return Error(400, "invalidVideoId", "Too many ids");
        var parts = query["part"].ToString().Split(',');
        var items = new JsonArray();
        foreach (var id in ids.Concat(ForeignItemIds))
        {
            if (!Videos.TryGetValue(id, out var v))
                v = ForeignItemIds.Contains(id) ? new FakeVideo(1, null, null, DateTimeOffset.UnixEpoch) : null;
            if (v is null)
                continue;
            var viewCount = v.ViewCountText ?? v.Views.ToString();
            var statistics = new JsonObject { ["viewCount"] = viewCount, ["favoriteCount"] = "0" };
            if (v.ViewCountAsNumber)
                statistics["viewCount"] = v.Views + 0.5; // a JSON number where YouTube sends a string: the item cannot be read
            if (v.LikeCountText is { } likesText)
                statistics["likeCount"] = likesText;
            else if (v.Likes is { } likes)
                statistics["likeCount"] = likes.ToString();
            if (!v.ViewCountAsNumber && !ForeignItemIds.Contains(id) && long.TryParse(viewCount, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
                _served.AddOrUpdate(id, 1, (_, n) => n + 1);
            if (v.Comments is { } comments)
                statistics["commentCount"] = comments.ToString();
            var item = new JsonObject
            {
                ["kind"] = "youtube#video",
                ["etag"] = "e" + id,
                ["id"] = id,
                ["snippet"] = new JsonObject
                {
                    ["publishedAt"] = v.PublishedAt.ToString("yyyy-MM-ddTHH:mm:ssZ"),
                    ["channelId"] = "UCuAXFkgsw1L7xaCfnd5JJOw",
                    ["title"] = "Video " + id,
                    ["channelTitle"] = "Fake channel",
                    ["thumbnails"] = new JsonObject
                    {
                        ["default"] = Thumbnail(id, "default", 120, 90),
                        ["medium"] = Thumbnail(id, "mqdefault", 320, 180),
                        ["high"] = Thumbnail(id, "hqdefault", 480, 360),
                    },
                    ["liveBroadcastContent"] = v.LiveBroadcastContent,
                },
                ["statistics"] = statistics,
            };
            // As the reference shapes it: only a broadcast has liveStreamingDetails, and only when the part is asked for;
            // concurrentViewers (a string) only while it is live, actualEndTime once it ended.
            if (parts.Contains("liveStreamingDetails") && v.ScheduledStartTime is { } scheduled)
            {
                var live = new JsonObject { ["scheduledStartTime"] = Timestamp(scheduled) };
                if (v.ActualStartTime is { } started) live["actualStartTime"] = Timestamp(started);
                if (v.ActualEndTime is { } ended) live["actualEndTime"] = Timestamp(ended);
                if (v.ConcurrentViewers is { } viewers && v.LiveBroadcastContent == "live")
                    live["concurrentViewers"] = viewers.ToString(System.Globalization.CultureInfo.InvariantCulture);
                item["liveStreamingDetails"] = live;
            }
            items.Add(item);
        }
        return Json(new JsonObject
        {
            ["kind"] = "youtube#videoListResponse",
            ["items"] = items,
            ["pageInfo"] = new JsonObject { ["totalResults"] = items.Count, ["resultsPerPage"] = items.Count },
        });
    }

    /// <summary>
    /// videos:batchGetStats as the public reference shapes it (a youtube#batchGetStatsResponse of youtube#videoStats items:
    /// id, snippet.publishTime, statistics with the counts as strings like videos.list's); counts only, no title.
    /// </summary>
    private IResult BatchGetStats(IQueryCollection query)
    {
        var ids = query["id"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length > 50)
            return Error(400, "invalidVideoId", "Too many ids");
        var items = new JsonArray();
        foreach (var id in ids)
        {
            if (!Videos.TryGetValue(id, out var v))
                continue;
            var statistics = new JsonObject { ["viewCount"] = v.Views.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (v.Likes is { } likes)
                statistics["likeCount"] = likes.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (v.Comments is { } comments)
                statistics["commentCount"] = comments.ToString(System.Globalization.CultureInfo.InvariantCulture);
            items.Add(new JsonObject
            {
                ["kind"] = "youtube#videoStats",
                ["etag"] = "s" + id,
                ["id"] = id,
                ["snippet"] = new JsonObject { ["publishTime"] = Timestamp(v.PublishedAt) },
                ["statistics"] = statistics,
            });
        }
        return Json(new JsonObject { ["kind"] = "youtube#batchGetStatsResponse", ["etag"] = "batch", ["items"] = items });
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>As YouTube's snippet.thumbnails gives them (never fetched by the code under test).</summary>
    public static string ThumbnailUrl(string videoId, string name) => $"https://i.ytimg.com/vi/{videoId}/{name}.jpg";

    private static JsonObject Thumbnail(string videoId, string name, int width, int height) =>
        new() { ["url"] = ThumbnailUrl(videoId, name), ["width"] = width, ["height"] = height };

    private IResult ListPlaylistItems(IQueryCollection query)
    {
        if (!Playlists.TryGetValue(query["playlistId"].ToString(), out var videos))
            return Error(404, "playlistNotFound", "The playlist identified with the request's playlistId parameter cannot be found.");
        var start = 0;
        if (query["pageToken"].ToString() is { Length: > 0 } token && !int.TryParse(token.Replace("PT", ""), out start))
            return Error(400, "invalidPageToken", "The request specifies an invalid page token.");
        var page = videos.Skip(start).Take(50).ToList();
        var response = new JsonObject
        {
            ["kind"] = "youtube#playlistItemListResponse",
            ["items"] = new JsonArray([.. page.Select(id => (JsonNode)new JsonObject
            {
                ["kind"] = "youtube#playlistItem",
                ["contentDetails"] = new JsonObject { ["videoId"] = id, ["videoPublishedAt"] = "2026-11-20T15:00:07Z" },
            })]),
            ["pageInfo"] = new JsonObject { ["totalResults"] = videos.Count, ["resultsPerPage"] = 50 },
        };
        if (start + 50 < videos.Count)
            response["nextPageToken"] = "PT" + (start + 50);
        if (LoopingPlaylists.ContainsKey(query["playlistId"].ToString()))
            response["nextPageToken"] = "PT0";
        return Json(response);
    }

    private IResult ListChannels(IQueryCollection query)
    {
        var byIds = query["id"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (byIds.Length > 50)
            return Error(400, "invalidChannelId", "Too many ids");
        var byHandle = query["forHandle"].ToString();
        var parts = query["part"].ToString().Split(',');
        bool Matches(string id, string? handle) =>
            byIds.Contains(id) || (byHandle.Length > 0 && string.Equals(handle, byHandle, StringComparison.OrdinalIgnoreCase));
        var items = new JsonArray();
        foreach (var id in Channels.Keys.Union(ChannelStatistics.Keys))
        {
            var uploads = Channels.TryGetValue(id, out var channel) ? channel : default;
            var stats = ChannelStatistics.GetValueOrDefault(id);
            if (!Matches(id, uploads.Handle ?? stats?.Handle))
                continue;
            var item = new JsonObject { ["kind"] = "youtube#channel", ["etag"] = "c" + id, ["id"] = id };
            if (parts.Contains("contentDetails") && uploads.Uploads is not null)
                item["contentDetails"] = new JsonObject { ["relatedPlaylists"] = new JsonObject { ["likes"] = "", ["uploads"] = uploads.Uploads } };
            if (parts.Contains("snippet") && stats is not null)
                item["snippet"] = new JsonObject { ["title"] = stats.Title, ["customUrl"] = stats.Handle, ["publishedAt"] = "2009-02-01T00:00:00Z" };
            if (parts.Contains("statistics") && stats is not null)
            {
                item["statistics"] = new JsonObject
                {
                    ["viewCount"] = stats.Views.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    // Whether YouTube still sends a number beside hiddenSubscriberCount is not stated: send 0, so a
                    // client that reads it as a count fails its spec.
                    ["subscriberCount"] = stats.Subscribers is { } n ? FakeChannel.Published(n).ToString(System.Globalization.CultureInfo.InvariantCulture) : "0",
                    ["hiddenSubscriberCount"] = stats.Subscribers is null,
                    ["videoCount"] = stats.Videos.ToString(System.Globalization.CultureInfo.InvariantCulture),
                };
            }
            items.Add(item);
        }
        return Json(new JsonObject
        {
            ["kind"] = "youtube#channelListResponse",
            ["items"] = items,
            ["pageInfo"] = new JsonObject { ["totalResults"] = items.Count, ["resultsPerPage"] = items.Count },
        });
    }

    public static string ErrorBody(int code, string reason, string message, string? detailReason = null)
    {
        var error = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["domain"] = "global", ["reason"] = reason }),
        };
        if (detailReason is not null)
        {
            error["details"] = new JsonArray(new JsonObject
            {
                ["@type"] = "type.googleapis.com/google.rpc.ErrorInfo",
                ["reason"] = detailReason,
                ["domain"] = "googleapis.com",
            });
        }
        return new JsonObject { ["error"] = error }.ToJsonString();
    }

    private static IResult Error(int code, string reason, string message, string? detailReason = null) =>
        Results.Text(ErrorBody(code, reason, message, detailReason), "application/json", statusCode: code);

    private IResult Json(JsonObject body) => Results.Bytes(System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()),
        Charset is { } charset ? $"application/json; charset={charset}" : "application/json; charset=UTF-8");
}

/// <summary>A channel's true statistics; <see cref="Subscribers"/> null = hidden by its owner.</summary>
public sealed record FakeChannel(string Title, long? Subscribers, long Views, long Videos, string? Handle = null)
{
    /// <summary>The count as YouTube publishes it: rounded down to three significant figures (exact below 1,000).</summary>
    public static long Published(long subscribers)
    {
        var step = 1L;
        for (var v = subscribers; v >= 1_000; v /= 10)
            step *= 10;
        return subscribers / step * step;
    }
}

public sealed record FakeVideo(long Views, long? Likes, long? Comments, DateTimeOffset PublishedAt)
{
    /// <summary>Sent instead of <see cref="Views"/> when set: a count as an absurd string ("lots", 30 digits...).</summary>
    public string? ViewCountText { get; init; }

    /// <summary>viewCount sent as a JSON number with a fraction instead of a string: an item that cannot be read.</summary>
    public bool ViewCountAsNumber { get; init; }

    /// <summary>Sent instead of <see cref="Likes"/> when set.</summary>
    public string? LikeCountText { get; init; }

    /// <summary>snippet.liveBroadcastContent: "none" (every ordinary video), "upcoming" or "live".</summary>
    public string LiveBroadcastContent { get; init; } = "none";

    /// <summary>Set for a broadcast: then liveStreamingDetails is answered (when asked for).</summary>
    public DateTimeOffset? ScheduledStartTime { get; init; }

    public DateTimeOffset? ActualStartTime { get; init; }

    public DateTimeOffset? ActualEndTime { get; init; }

    /// <summary>Answered as liveStreamingDetails.concurrentViewers while <see cref="LiveBroadcastContent"/> is "live".</summary>
    public long? ConcurrentViewers { get; init; }
}
