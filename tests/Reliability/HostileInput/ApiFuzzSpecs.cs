using System.Text;
using System.Text.Json;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Reliability.Tests.HostileInput;

/// <summary>
/// The shipped executable on real Kestrel, configured with fake secrets of the right shapes (YouTube key, bot token,
/// admin key) against the fake YouTube and Telegram servers, every log category at Trace, fed a corpus of hostile
/// requests written byte for byte. Oracle: never a 5xx; no change to the watchlist or the cluster without the
/// admin key (nor from an invalid one with it); no secret in any log line, exception or response body.
/// </summary>
public sealed class ApiFuzzSpecs : IAsyncLifetime
{
    private const string Category = "hostile API requests";
    private static readonly string[] Watched = ["dQw4w9WgXcQ", "jNQXAC9IVRw", "9bZkp7q19f0"];
    private readonly TestJournal _journal = TestJournal.Sqlite();
    private readonly int _port = HostProcess.FreePort();
    private FakeYouTubeServer _youtube = null!;
    private FakeTelegramServer _telegram = null!;
    private HostProcess _host = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _youtube = await FakeYouTubeServer.StartAsync(FakeSecrets.YouTubeKey);
        _telegram = await FakeTelegramServer.StartAsync(FakeSecrets.BotToken);
        foreach (var id in Watched)
            _youtube.Videos[id] = new FakeVideo(10_000, 100, 10, DateTimeOffset.UtcNow.AddDays(-300));
        // Error paths that carry the key or the token on the wire: a 5xx and unreadable JSON from YouTube, 429 and 500 from Telegram.
        _youtube.FailNext("videos.list", 500, FakeYouTubeServer.ErrorBody(500, "backendError", "Backend Error"));
        _youtube.FailNext("videos.list", 200, """{"kind":"youtube#videoListResponse","items":[{"id":""");
        _telegram.Answer(1, 429, """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}""");
        _telegram.Answer(2, 500, """{"ok":false,"error_code":500,"description":"Internal Server Error"}""");
        var environment = new Dictionary<string, string>(_journal.Environment)
        {
            ["Api__Urls"] = $"http://127.0.0.1:{_port}",
            ["Api__AdminKey"] = FakeSecrets.AdminKey,
            ["YouTube__ApiKey"] = FakeSecrets.YouTubeKey,
            ["YouTube__BaseUrl"] = _youtube.BaseUrl,
            ["YouTube__PollInterval"] = "00:00:01",
            ["Telegram__BotToken"] = FakeSecrets.BotToken,
            ["Telegram__ChatId"] = "4242",
            ["Telegram__ApiBaseUrl"] = _telegram.BaseUrl,
            ["Logging__LogLevel__Default"] = "Trace",
            ["Logging__LogLevel__Microsoft"] = "Trace",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace",
            ["Logging__LogLevel__System.Net.Http"] = "Trace",
        };
        for (var i = 0; i < Watched.Length; i++)
            environment[$"Watch__Videos__{i}"] = Watched[i];
        _host = HostProcess.Start(environment);
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        await _youtube.DisposeAsync();
        await _telegram.DisposeAsync();
        _journal.Dispose();
    }

    /// <summary>One hostile request; <paramref name="Key"/> is the X-Api-Key sent (null: none).</summary>
    private sealed record Probe(string Group, string Method, string Target, string? Key = null, byte[]? Body = null,
        string? ContentType = "application/json", IReadOnlyDictionary<string, string>? Headers = null);

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    private static IEnumerable<Probe> Corpus()
    {
        const string wrongKey = "FAKE-reliability-not-the-admin-key";
        string[] malformedIds =
        [
            "", "a", "dQw4w9WgXc", "dQw4w9WgXcQQ", "dQw4w9WgX%21Q", "%00%00%00%00%00%00%00%00%00%00%00", "%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80",
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "' OR 1=1 --", "%27%20OR%201%3D1%20--", new string('x', 4_000), "-1", "null",
            "dQw4w9WgXcQ%0d%0aSet-Cookie:%20x=1", "%E2%80%AEdQw4w9WgXcQ", "%ff%fe%fd",
        ];
        foreach (var id in malformedIds)
        {
            yield return new Probe("malformed ids", "GET", $"/videos/{id}/stats");
            yield return new Probe("malformed ids", "DELETE", $"/watchlist/{id}", FakeSecrets.AdminKey);
            yield return new Probe("malformed ids", "POST", "/watchlist", FakeSecrets.AdminKey, Json(JsonSerializer.Serialize(new { id = Uri.UnescapeDataString(id) })));
        }
        foreach (var query in new[]
                 {
                     "page=-1", "page=0", "page=abc", "page=99999999999999999999", "pageSize=0", "pageSize=-5", "pageSize=1000000",
                     "pageSize=1e9", "sort=evil", "sort=%00", "sort[]=views", "page=1&page=2", "pageSize=%20", "%%%",
                 })
            yield return new Probe("malformed ids", "GET", $"/videos?{query}");

        foreach (var url in new[]
                 {
                     "https://vimeo.com/123456789", "https://www.dailymotion.com/video/x7tgad0", "https://evil.example/watch?v=dQw4w9WgXcQ",
                     "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ", "https://www.youtube.com@evil.example/watch?v=dQw4w9WgXcQ",
                     "javascript:alert(1)", "file:///etc/passwd", "ftp://youtube.com/watch?v=dQw4w9WgXcQ", "http://127.0.0.1:22/",
                     "https://www.youtube.com/watch", "https://www.youtube.com/watch?v=", "https://www.youtube.com/playlist?list=",
                     "https://www.youtube.com/@", "data:text/html,<script>alert(1)</script>", "//evil.example", "   ",
                 })
        {
            yield return new Probe("URLs of other sites", "POST", "/watchlist", FakeSecrets.AdminKey, Json(JsonSerializer.Serialize(new { url })));
            yield return new Probe("URLs of other sites", "POST", "/watchlist", null, Json(JsonSerializer.Serialize(new { url })));
        }

        foreach (var target in new[]
                 {
                     "/../../../../etc/passwd", "/videos/../../../etc/passwd", "/videos/..%2F..%2F..%2Fetc%2Fpasswd/stats",
                     "/videos/%2e%2e/%2e%2e/%2e%2e/etc/passwd/stats", "/%2e%2e/%2e%2e/appsettings.json", "/appsettings.json",
                     "/YouTubeAnalytics.Host.dll", "/watchlist/..%2f..%2fcluster%2fleave", "/videos/dQw4w9WgXcQ/stats/../../../watchlist",
                     "/..;/..;/etc/passwd", "/%5c..%5c..%5cwindows%5cwin.ini", "//etc/passwd", "/videos/%252e%252e%252fetc/stats",
                 })
        {
            yield return new Probe("path traversal", "GET", target);
            yield return new Probe("path traversal", "DELETE", target, FakeSecrets.AdminKey);
        }

        yield return new Probe("huge bodies and query strings", "GET", "/videos?sort=" + new string('v', 100_000));
        yield return new Probe("huge bodies and query strings", "GET", "/videos/" + new string('x', 50_000) + "/stats");
        yield return new Probe("huge bodies and query strings", "GET", "/videos", Headers: new Dictionary<string, string> { ["X-Big"] = new string('h', 100_000) });
        yield return new Probe("huge bodies and query strings", "POST", "/watchlist", FakeSecrets.AdminKey,
            Json("{\"url\":\"https://www.youtube.com/watch?v=" + new string('x', 5 * 1024 * 1024) + "\"}"));
        yield return new Probe("huge bodies and query strings", "POST", "/watchlist", FakeSecrets.AdminKey,
            Json("[" + string.Concat(Enumerable.Repeat("[", 10_000)) + string.Concat(Enumerable.Repeat("]", 10_000)) + "]"));
        yield return new Probe("huge bodies and query strings", "POST", "/watchlist", FakeSecrets.AdminKey, new byte[40 * 1024 * 1024]);
        yield return new Probe("huge bodies and query strings", "POST", "/watchlist", null, new byte[40 * 1024 * 1024]);
        yield return new Probe("huge bodies and query strings", "POST", "/cluster/leave", FakeSecrets.AdminKey,
            Json("{\"address\":\"" + new string('a', 2 * 1024 * 1024) + "\"}"));

        var body = Json("""{"url":"https://www.youtube.com/watch?v=M7lc1UVf-VE"}""");
        foreach (var contentType in new string?[] { null, "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-7", "image/png" })
            yield return new Probe("wrong content types", "POST", "/watchlist", FakeSecrets.AdminKey, body, contentType);
        foreach (var text in new[] { "not json", "", "null", "[]", "{}", "{\"url\":123}", "{\"id\":null}", "{\"url\":\"a\",\"id\":\"b\"}", "{\"url\":", "\"M7lc1UVf-VE\"", "{\"address\":{}}" })
            yield return new Probe("wrong content types", "POST", "/watchlist", FakeSecrets.AdminKey, Json(text));
        yield return new Probe("wrong content types", "POST", "/cluster/leave", FakeSecrets.AdminKey, Json("{\"address\":\"not an address\"}"));
        yield return new Probe("wrong content types", "POST", "/cluster/leave", FakeSecrets.AdminKey, Json("{\"address\":\"akka.tcp://other@10.0.0.1:1\"}"));
        yield return new Probe("wrong content types", "PUT", "/watchlist", FakeSecrets.AdminKey, body);
        yield return new Probe("wrong content types", "PATCH", "/videos/dQw4w9WgXcQ/stats", FakeSecrets.AdminKey, body);

        foreach (var key in new string?[]
                 {
                     // (A key with spaces around it is the key: HTTP trims a header value's outer whitespace.)
                     null, "", wrongKey, FakeSecrets.AdminKey + ".", "\"" + FakeSecrets.AdminKey + "\"", FakeSecrets.AdminKey.ToUpperInvariant(),
                     FakeSecrets.AdminKey[..^1], FakeSecrets.AdminKey + "x", "Bearer " + FakeSecrets.AdminKey, new string('k', 10_000),
                 })
        {
            yield return new Probe("missing and wrong admin keys", "POST", "/watchlist", key, body);
            yield return new Probe("missing and wrong admin keys", "DELETE", $"/watchlist/{Watched[0]}", key);
            yield return new Probe("missing and wrong admin keys", "POST", "/cluster/leave", key, Json("{\"address\":\"self\"}"));
        }
        yield return new Probe("missing and wrong admin keys", "POST", "/watchlist", null, body,
            Headers: new Dictionary<string, string> { ["x-api-key"] = wrongKey, ["X-API-KEY"] = "also wrong" });
    }

    [Fact]
    public async Task Should_never_answer_5xx_nor_change_state_without_the_key_nor_show_a_secret()
    {
        // Up and working: polling YouTube, alerting to Telegram (the key and the token in use), answering.
        await Eventually.Holds(() => Assert.All(Watched, id => Assert.True(_youtube.ServedSamples.GetValueOrDefault(id) >= 2)),
            TimeSpan.FromSeconds(90), Cancel);
        foreach (var id in Watched)
            _youtube.Videos[id] = new FakeVideo(25_000, 300, 30, DateTimeOffset.UtcNow.AddDays(-300));
        await Eventually.Holds(() => Assert.NotEmpty(_telegram.Accepted), TimeSpan.FromSeconds(90), Cancel);
        var watchlistBefore = "";
        await Eventually.Holds(async () => watchlistBefore = await GetAsync("/watchlist"), TimeSpan.FromSeconds(30), Cancel);
        var membersBefore = await GetAsync("/cluster/members");

        var answers = new List<(Probe Probe, RawHttp.Answer Answer, bool Changed)>();
        var watchlist = watchlistBefore;
        foreach (var probe in Corpus())
        {
            var headers = new Dictionary<string, string>(probe.Headers ?? new Dictionary<string, string>());
            if (probe.Key is not null)
                headers["X-Api-Key"] = probe.Key;
            if (probe.Body is not null && probe.ContentType is not null)
                headers["Content-Type"] = probe.ContentType;
            var answer = await RawHttp.SendAsync(_port, probe.Method, probe.Target, headers, probe.Body, Cancel);
            var now = await GetAsync("/watchlist");
            answers.Add((probe, answer, now != watchlist));
            watchlist = now;
        }
        var membersAfter = await GetAsync("/cluster/members");

        var serverErrors = answers.Where(a => a.Answer.Status >= 500).ToList();
        var changes = answers.Where(a => a.Changed).ToList();
        var unanswered = answers.Where(a => a.Answer.Status == 0).ToList();
        Assert.True(serverErrors.Count == 0, "5xx for: " + string.Join("; ", serverErrors.Select(a =>
            $"[{a.Probe.Group}] {a.Probe.Method} {Cut(a.Probe.Target)} {a.Probe.ContentType} {Cut(Encoding.UTF8.GetString(a.Probe.Body ?? []))} -> {Cut(a.Answer.Text.ReplaceLineEndings(" "), 400)}")));
        Assert.True(unanswered.Count == 0, "no answer for: " + string.Join("; ", unanswered.Select(a => $"{a.Probe.Method} {Cut(a.Probe.Target)}")));
        Assert.True(changes.Count == 0, "state changed by: " + string.Join("; ", changes.Select(a => $"[{a.Probe.Group}] {a.Probe.Method} {Cut(a.Probe.Target)} key {a.Probe.Key} -> {a.Answer.Status}")));
        Assert.Equal(watchlistBefore, watchlist);
        Assert.Equal(Members(membersBefore), Members(membersAfter));
        Assert.All(answers.Where(a => a.Probe.Group == "missing and wrong admin keys"), a => Assert.Equal(401, a.Answer.Status));
        Assert.All(answers.Where(a => a.Probe.Group == "URLs of other sites"), a => Assert.Contains(a.Answer.Status, new[] { 400, 401 }));
        var duplicateTargets = DuplicateTargets(watchlist);

        // The dashboard and everything it reads: the pages, their assets, the docs and the JSON it calls.
        var dashboard = new List<(string Where, string Text)>();
        foreach (var page in DashboardPages)
        {
            var answer = await RawHttp.SendAsync(_port, "GET", page, null, null, Cancel);
            Assert.Equal(200, answer.Status);
            dashboard.Add(($"dashboard GET {page}", answer.Text));
        }

        // Secrets: the host ran with all three and used the key and the token on the wire; none may show anywhere.
        Assert.Contains(_telegram.Paths, p => p.Contains(FakeSecrets.BotSecret, StringComparison.Ordinal));
        await _host.StopAsync(Cancel);
        var texts = _host.Lines.Select(l => ("log", l))
            .Concat(answers.Select(a => ($"response to {a.Probe.Method} {Cut(a.Probe.Target)}", a.Answer.Text)))
            .Concat([("GET /watchlist", watchlist), ("GET /cluster/members", membersAfter)])
            .Concat(dashboard)
            .ToList();
        var leaks = FakeSecrets.Leaks(texts);
        Assert.True(leaks.Count == 0, "secrets shown: " + string.Join("; ", leaks.Select(l => $"{l.Secret} in {l.Where}")));
        Assert.Contains(_host.Lines, l => l.Contains(" trce ", StringComparison.Ordinal)); // it did log at Trace

        foreach (var group in answers.GroupBy(a => a.Probe.Group))
        {
            var failed = group.Count(a => a.Answer.Status >= 500 || a.Answer.Status == 0 || a.Changed);
            ReliabilityFigures.Record(Category, group.Key, group.Count(), group.Count() - failed, failed, duplicateTargets);
        }
        ReliabilityFigures.Record("secrets never shown", "API host at Trace: log lines", _host.Lines.Count,
            _host.Lines.Count - leaks.Count(l => l.Where == "log"), leaks.Count(l => l.Where == "log"), 0);
        var bodies = texts.Count - _host.Lines.Count - dashboard.Count;
        var bodyLeaks = leaks.Count(l => l.Where != "log" && !l.Where.StartsWith("dashboard ", StringComparison.Ordinal));
        ReliabilityFigures.Record("secrets never shown", "API host: response bodies", bodies, bodies - bodyLeaks, bodyLeaks, 0);
        var dashboardLeaks = leaks.Count(l => l.Where.StartsWith("dashboard ", StringComparison.Ordinal));
        ReliabilityFigures.Record("secrets never shown", "dashboard pages, assets and the JSON they read", dashboard.Count,
            dashboard.Count - dashboardLeaks, dashboardLeaks, 0);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', answers.GroupBy(a => a.Answer.Status).OrderBy(g => g.Key)
            .Select(g => $"{g.Key}: {g.Count()}")));
    }

    /// <summary>What the dashboard is made of and what it reads (GET /events streams: its updates carry the same shapes).</summary>
    private static readonly string[] DashboardPages =
    [
        "/dashboard", "/dashboard/dashboard.js", "/dashboard/dashboard.css", "/docs/", "/openapi/v1.json",
        "/", "/health/ready", "/health/live", "/pipeline/status", "/videos?pageSize=100", "/alerts", "/cluster/members",
        "/cluster/shards", "/watchlist",
    ];

    private async Task<string> GetAsync(string path) =>
        (await RawHttp.SendAsync(_port, "GET", path, null, null, Cancel)) is { Status: 200 } answer
            ? answer.Body
            : throw new InvalidOperationException($"GET {path} did not answer 200");

    private static string Members(string json) =>
        string.Join(",", JsonDocument.Parse(json).RootElement.GetProperty("members").EnumerateArray()
            .Select(m => m.GetProperty("address").GetString() + "=" + m.GetProperty("status").GetString()));

    private static int DuplicateTargets(string json)
    {
        var targets = JsonDocument.Parse(json).RootElement.GetProperty("targets").EnumerateArray()
            .Select(t => t.GetProperty("kind").GetString() + ":" + t.GetProperty("id").GetString()).ToList();
        return targets.Count - targets.Distinct().Count();
    }

    private static string Cut(string text, int length = 60) => text.Length > length ? text[..length] + "…" : text;
}
