using System.Diagnostics;
using Confluent.Kafka;
using YouTubeAnalytics.Actors.Contracts;
using YouTubeAnalytics.Benchmarks.Support;
using YouTubeAnalytics.Streams.Kafka;
using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Benchmarks.Steady;

/// <summary>
/// Ours: the real host (Program, in-process) in Kafka mode on a fresh PostgreSQL journal, consuming
/// <c>youtube-raw-data</c> on its own mock cluster. The host's start and the group join are warmed up by one record
/// first; then the activation round, then the steady rounds, each produced while the clock runs.
/// </summary>
public static class OursSteady
{
    public const string JournalOptionsKey = "bench:journal-options";

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);

    /// <param name="afterRun">Given the journal's connection string once the host has stopped (the database's limit runs there).</param>
    public static async Task<SteadyRun> RunAsync(
        IReadOnlyList<VideoStatsObserved> activation, IReadOnlyList<VideoStatsObserved> steady, IDictionary<string, string?> extra,
        Func<string, Task>? afterRun = null)
    {
        using var kafka = new MockKafkaCluster();
        using var database = TestJournal.PostgreSql();
        // "bench:journal-options" (from --set) is appended to the journal's connection string, e.g. to turn a lever off.
        using var journal = extra.TryGetValue(JournalOptionsKey, out var options) && !string.IsNullOrEmpty(options)
            ? TestJournal.OnPostgres($"{database.ConnectionString};{options}")
            : TestJournal.OnPostgres(database.ConnectionString);
        using var producer = kafka.NewProducer();
        using var durable = new DurableOffsets(kafka, KafkaSettings.DefaultRawTopic, KafkaSettings.DefaultGroupId);
        // The topic exists before the host subscribes (the mock creates it on the first write).
        await Samples.ProduceAsync(producer, KafkaSettings.DefaultRawTopic, [Samples.Sample("warmupVideo", 1, Samples.Start)]);
        double activationSeconds, steadySeconds, cpu, dbCpu;
        await using (var host = new AppFactory(journal, new RecordingAlertSink(), new ChannelVideoStatsSource(),
                         BenchHost.Settings(Merge(kafka.HostSettings(), extra.Where(e => e.Key != JournalOptionsKey).ToDictionary()))))
        {
            _ = host.Services;
            await durable.UntilDurableAsync(durable.Ends(), TimeSpan.FromMinutes(2), "ours: warm-up (host start, group join)");

            activationSeconds = await TimedAsync(producer, durable, activation, "ours: activation");
            var dbName = new Npgsql.NpgsqlConnectionStringBuilder(journal.ConnectionString).Database!;
            (cpu, dbCpu) = (CpuClock.Process(), CpuClock.Database(dbName));
            steadySeconds = await TimedAsync(producer, durable, steady, "ours: steady state");
            (cpu, dbCpu) = (CpuClock.Process() - cpu, CpuClock.Database(dbName) - dbCpu);
        }
        if (afterRun is not null)
            await afterRun(journal.ConnectionString);
        return new SteadyRun("ours", activation.Count, steady.Count, activationSeconds, steadySeconds, Machine.LoadAverage())
        {
            ProcessCpuSeconds = cpu,
            DatabaseCpuSeconds = dbCpu,
        };
    }

    /// <summary>From the first record produced until the committed offsets cover every record: the same clock both sides run.</summary>
    public static async Task<double> TimedAsync(
        IProducer<byte[]?, byte[]?> producer, DurableOffsets durable, IReadOnlyList<VideoStatsObserved> samples, string what,
        string topic = KafkaSettings.DefaultRawTopic)
    {
        var watch = Stopwatch.StartNew();
        await Samples.ProduceAsync(producer, topic, samples);
        await durable.UntilDurableAsync(durable.Ends(), Limit, what);
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"    {what}: {samples.Count:N0} records in {seconds:F1} s ({samples.Count / seconds:N0}/s)");
        return seconds;
    }

    private static Dictionary<string, string?> Merge(Dictionary<string, string?> a, IDictionary<string, string?> b)
    {
        foreach (var (key, value) in b)
            a[key] = value;
        return a;
    }
}
