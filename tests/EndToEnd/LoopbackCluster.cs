using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.EndToEnd.Tests;

/// <summary>
/// Three nodes of the shipped executable on loopback, one PostgreSQL journal, every node listing all three as seeds in
/// one order (the compose layout). Nodes are started, killed, paused and restarted by index, on the same ports.
/// </summary>
public sealed class LoopbackCluster : IDisposable
{
    public const int Size = 3;
    private readonly List<HostProcess> _started = [];
    private readonly HostProcess?[] _current = new HostProcess?[Size];
    private readonly int[] _akkaPorts = Enumerable.Range(0, Size).Select(_ => HostProcess.FreePort()).ToArray();
    private readonly int[] _apiPorts = Enumerable.Range(0, Size).Select(_ => HostProcess.FreePort()).ToArray();
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="settings">Environment variables every node gets on top of the cluster's own.</param>
    public LoopbackCluster(IReadOnlyDictionary<string, string> settings) => _settings = settings;

    public TestJournal Journal { get; } = TestJournal.PostgreSql();

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Every process started so far, restarted ones included (their logs stay readable).</summary>
    public IReadOnlyList<HostProcess> AllProcesses => _started;

    public HostProcess Node(int i) => _current[i] ?? throw new InvalidOperationException($"node-{i + 1} was never started");

    public string Address(int i) => $"akka.tcp://youtube-analytics@127.0.0.1:{_akkaPorts[i]}";

    public string Api(int i) => $"http://127.0.0.1:{_apiPorts[i]}";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public HostProcess Start(int i)
    {
        var environment = new Dictionary<string, string>(Journal.Environment)
        {
            ["Cluster__Hostname"] = "127.0.0.1",
            ["Cluster__Port"] = _akkaPorts[i].ToString(CultureInfo.InvariantCulture),
            ["Api__Urls"] = Api(i),
        };
        for (var seed = 0; seed < Size; seed++)
            environment[$"Cluster__SeedNodes__{seed}"] = Address(seed);
        foreach (var (key, value) in _settings)
            environment[key] = value;
        var node = HostProcess.Start(environment);
        _started.Add(node);
        _current[i] = node;
        return node;
    }

    public void StartAll()
    {
        for (var i = 0; i < Size; i++)
            Start(i);
    }

    public async Task<JsonElement> Members(int i) =>
        await Http.GetFromJsonAsync<JsonElement>($"{Api(i)}/cluster/members", Cancel);

    /// <summary>Every one of <paramref name="nodes"/> sees exactly those nodes Up and reachable, and the same single leader.</summary>
    public async Task OneClusterOf(params int[] nodes)
    {
        var expected = string.Join(",", nodes.Select(Address).Order(StringComparer.Ordinal));
        var views = new List<(string Leader, string Members)>();
        foreach (var i in nodes)
        {
            var json = await Members(i);
            var members = json.GetProperty("members").EnumerateArray().ToList();
            Assert.All(members, m => Assert.Equal("Up", m.GetProperty("status").GetString()));
            Assert.All(members, m => Assert.True(m.GetProperty("reachable").GetBoolean()));
            var seen = string.Join(",", members.Select(m => m.GetProperty("address").GetString()).Order(StringComparer.Ordinal));
            Assert.Equal(expected, seen);
            var leader = json.GetProperty("leader").GetString();
            Assert.False(string.IsNullOrEmpty(leader));
            views.Add((leader!, seen));
        }
        Assert.Single(views.Distinct());
    }

    public Task OneClusterOfThree() => OneClusterOf(0, 1, 2);

    /// <summary>The ingest singleton's start line (an Akka Information entry: needs Logging:LogLevel:Akka at Information).</summary>
    public static bool StartsIngest(string line) => line.Contains("Ingest started from ", StringComparison.Ordinal);

    /// <summary>The notifier singleton's start line (an Akka Information entry).</summary>
    public static bool StartsNotifier(string line) => line.Contains("Alert projection started", StringComparison.Ordinal);

    /// <summary>The running nodes (of their current processes) that have started the given singleton.</summary>
    public IReadOnlyList<int> RunningNodesThatStarted(Func<string, bool> startLine) => Enumerable.Range(0, Size)
        .Where(i => _current[i] is { HasExited: false } node && node.Lines.Any(startLine)).ToList();

    /// <summary>
    /// Lines saying a persist failed on the journal's unique key, in every process's log (not the schema race of
    /// three nodes creating the tables at once, which Akka.Persistence.Sql logs as a duplicate pg_type name and retries).
    /// </summary>
    public int DuplicateKeyFailures() => _started.SelectMany(n => n.Lines)
        .Count(l => l.Contains("journal_uq", StringComparison.Ordinal) ||
                    (l.Contains("Failed to persist", StringComparison.Ordinal) && l.Contains("duplicate key", StringComparison.OrdinalIgnoreCase)));

    /// <summary>(video, observedAt) pairs the journal holds more than once.</summary>
    public long DuplicateSamples() => Journal.Scalar("""
        select count(*) from (
          select persistence_id, convert_from(message, 'UTF8')::json->'sample'->>'observedAt' as observed
          from journal where manifest = 'video.sample-recorded.v1'
          group by 1, 2 having count(*) > 1) d
        """);

    private static bool Telling(string line) =>
        !line.Contains(" info ", StringComparison.Ordinal) || line.Contains("Leaving", StringComparison.Ordinal) ||
        line.Contains("Exiting", StringComparison.Ordinal) || line.Contains("Down", StringComparison.Ordinal) ||
        line.Contains("Welcome", StringComparison.Ordinal) || line.Contains("Joining", StringComparison.Ordinal);

    public void Dispose()
    {
        // What each process said last: the first thing to read when a spec on this cluster fails.
        var output = TestContext.Current.TestOutputHelper;
        foreach (var (node, n) in _started.Select((node, n) => (node, n)))
        {
            output?.WriteLine($"--- process {n + 1} (pid {node.ProcessId}{(node.HasExited ? $", exited {node.ExitCode}" : "")}), last lines:");
            var lines = node.HasExited ? node.Lines.Where(Telling).Concat(node.Lines.TakeLast(40)).Distinct() : node.Lines.TakeLast(25);
            foreach (var line in lines)
                output?.WriteLine(line);
        }
        foreach (var node in _started)
            node.Dispose();
        Http.Dispose();
        Journal.Dispose();
    }
}

/// <summary>
/// The specs that start several hosts (each an actor system, a Kestrel and a demo source) run one at a time: run in
/// parallel on a 2-core machine, nine processes starved each other's heartbeats and HTTP answers past every probe's
/// deadline (ClusterSpecs, FormationSpecs and PartitionSpecs all failed together).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultiNodeCollection
{
    public const string Name = "multi-node cluster";
}
