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

    /// <summary>While true every call answers 403 quotaExceeded (and costs nothing, as at YouTube once the quota is gone).</summary>
    public volatile bool QuotaGone;

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
        app.MapGet("/youtube/v3/videos", (HttpContext c) => server.Answer(c, "videos.list", server.ListVideos));
        app.MapGet("/youtube/v3/playlistItems", (HttpContext c) => server.Answer(c, "playlistItems.list", server.ListPlaylistItems));
        app.MapGet("/youtube/v3/channels", (HttpContext c) => server.Answer(c, "channels.list", server.ListChannels));
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
        if (QuotaGone)
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
        var items = new JsonArray();
        foreach (var id in ids)
        {
            if (!Videos.TryGetValue(id, out var v))
                continue;
            var viewCount = v.ViewCountText ?? v.Views.ToString();
            var statistics = new JsonObject { ["viewCount"] = viewCount, ["favoriteCount"] = "0" };
            if (v.LikeCountText is { } likesText)
                statistics["likeCount"] = likesText;
            else if (v.Likes is { } likes)
                statistics["likeCount"] = likes.ToString();
            if (long.TryParse(viewCount, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
                _served.AddOrUpdate(id, 1, (_, n) => n + 1);
            if (v.Comments is { } comments)
                statistics["commentCount"] = comments.ToString();
            items.Add(new JsonObject
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
                },
                ["statistics"] = statistics,
            });
        }
        return Json(new JsonObject
        {
            ["kind"] = "youtube#videoListResponse",
            ["items"] = items,
            ["pageInfo"] = new JsonObject { ["totalResults"] = items.Count, ["resultsPerPage"] = items.Count },
        });
    }

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
        var byId = query["id"].ToString();
        var byHandle = query["forHandle"].ToString();
        var items = new JsonArray();
        foreach (var (id, channel) in Channels)
        {
            if (id == byId || (byHandle.Length > 0 && string.Equals(channel.Handle, byHandle, StringComparison.OrdinalIgnoreCase)))
            {
                items.Add(new JsonObject
                {
                    ["kind"] = "youtube#channel",
                    ["id"] = id,
                    ["contentDetails"] = new JsonObject { ["relatedPlaylists"] = new JsonObject { ["likes"] = "", ["uploads"] = channel.Uploads } },
                });
            }
        }
        return Json(new JsonObject { ["kind"] = "youtube#channelListResponse", ["items"] = items });
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

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json");
}

public sealed record FakeVideo(long Views, long? Likes, long? Comments, DateTimeOffset PublishedAt)
{
    /// <summary>Sent instead of <see cref="Views"/> when set: a count as an absurd string ("lots", 30 digits...).</summary>
    public string? ViewCountText { get; init; }

    /// <summary>Sent instead of <see cref="Likes"/> when set.</summary>
    public string? LikeCountText { get; init; }
}
