using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Reliability.Tests.HostileInput;

/// <summary>
/// /events against clients that connect and never read, on the shipped executable (real Kestrel, real sockets):
/// past Api:MaxEventStreams a client gets a 503 at once, /health/live stays quick while the silent ones hang on, and
/// after they leave the process's memory is back near where it started.
/// </summary>
public sealed class EventStreamSpecs : IDisposable
{
    private const string Category = "hostile answers and failure paths";
    private const int Cap = 300;
    private const int Extra = 50;
    // MiB over the start that "near its start" allows: the 300 streams measured 0-6 MiB (193 -> 193 -> 194 MiB once the
    // start is measured after the first event is served); the rest is room for the GC heap growing with the demo.
    private const double Bound = 40;

    private readonly TestJournal _journal = TestJournal.Sqlite();
    private readonly int _port = HostProcess.FreePort();
    private readonly HostProcess _host;

    public EventStreamSpecs()
    {
        _host = HostProcess.Start(new Dictionary<string, string>(_journal.Environment)
        {
            ["Api__Urls"] = $"http://127.0.0.1:{_port}",
            ["Api__MaxEventStreams"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Api__EventBuffer"] = "256", // above the demo's burst of 36 updates
            ["Demo__VideoCount"] = "36",
            ["Demo__SampleInterval"] = "00:00:02", // about 18 video events a second to every client: a silent one fills in ~10 s
        });
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _host.Dispose();
        _journal.Dispose();
    }

    [Fact]
    public async Task Should_refuse_streams_past_the_cap_and_give_the_memory_back()
    {
        await Eventually.Holds(async () => Assert.Equal(200, await Status("/health/ready")), TimeSpan.FromSeconds(60), Cancel);
        // Warmed up: samples flow, the read side and the first stream have served them. That first client then
        // stays, silent, as one of the Cap.
        var silent = new List<Socket> { await OpenEvents(Cancel) };
        await FirstVideoEvent(silent[0]);
        var before = _host.ResidentMiB();

        // Each silent client reads its status line (so the stream is surely open), then never reads again.
        for (var i = 1; i < Cap; i++)
        {
            var socket = await OpenEvents(Cancel);
            silent.Add(socket);
            Assert.Equal(200, await ReadStatus(socket));
        }
        var refused = 0;
        for (var i = 0; i < Extra; i++)
        {
            using var extra = await OpenEvents(Cancel);
            if (await ReadStatus(extra) == 503)
                refused++;
        }
        var during = _host.ResidentMiB();

        // (Dropping a silent client once its queue is full is not awaited here: loopback's socket buffers absorb
        // megabytes first, minutes at this event rate.)
        var live = await TimeLive();
        foreach (var socket in silent)
            socket.Dispose();
        // The streams end as their sockets close; the memory they held is given back as the GC next runs.
        var after = double.MaxValue;
        var released = Stopwatch.StartNew();
        await Eventually.Holds(() => Assert.True((after = _host.ResidentMiB()) < before + Bound, $"RSS {after:0} MiB"), TimeSpan.FromSeconds(30), Cancel);

        var figure = $"FIGURE /events: {Cap} silent clients + {Extra} past the cap ({refused} × 503); RSS before {before:0} MiB, " +
            $"during {during:0} MiB, after {after:0} MiB ({released.Elapsed.TotalSeconds:0.0} s after they left); /health/live {live.TotalMilliseconds:0} ms while they hung on";
        Console.WriteLine(figure);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "yta-figures.txt"), figure + "\n");
        Assert.Equal(Extra, refused);
        ReliabilityFigures.Record(Category, "/events past Api:MaxEventStreams (503 at once)", Extra, refused, Extra - refused, 0);
        ReliabilityFigures.Record(Category, "/events clients that never read (memory given back after they leave)", Cap, Cap, 0, 0);
    }

    /// <summary>Reads an open stream until its first "video" event.</summary>
    private static async Task FirstVideoEvent(Socket socket)
    {
        var buffer = new byte[4096];
        var seen = new StringBuilder();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!seen.ToString().Contains("event: video", StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, timeout.Token);
            Assert.NotEqual(0, read);
            seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }

    private async Task<Socket> OpenEvents(CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _port), ct);
        await socket.SendAsync(Encoding.ASCII.GetBytes("GET /events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"), ct);
        return socket;
    }

    private static async Task<int> ReadStatus(Socket socket)
    {
        var buffer = new byte[64];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var read = await socket.ReceiveAsync(buffer, timeout.Token);
        var line = Encoding.ASCII.GetString(buffer, 0, read); // "HTTP/1.1 503 Service Unavailable"
        return int.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<int> Status(string path)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };
        try
        {
            using var response = await client.GetAsync(path, Cancel);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    private async Task<TimeSpan> TimeLive()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(200, await Status("/health/live"));
        return clock.Elapsed;
    }
}
