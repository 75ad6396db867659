using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.Reliability.Tests.Faults;

public sealed class SqliteKillLoopSpecs() : KillLoopSpecs("Sqlite");

public sealed class PostgresKillLoopSpecs() : KillLoopSpecs("PostgreSql");

/// <summary>
/// The shipped executable on a busy demo run (36 videos sampled every 100 ms, hair-trigger alert rules), killed with
/// SIGKILL after a random 0.5-3 s of work, 20 times in a row on one journal, then started once more to catch up.
/// Oracle, from the journal and the log sink's lines: every video's samples are persisted once each (no two
/// SampleRecorded with the same observedAt, no gap in a persistence id's sequence numbers), every raised alert is
/// delivered, and an alert is delivered twice only for an ambiguous kill (at most one per kill, as documented).
/// </summary>
public abstract class KillLoopSpecs(string provider) : IDisposable
{
    private const int Kills = 20;
    private const string Category = "process killed hard";
    private readonly TestJournal _journal = TestJournal.Create(provider);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => _journal.Dispose();

    private Dictionary<string, string> Environment(bool raiseAlerts) => new(_journal.Environment)
    {
        ["Api__Urls"] = "http://127.0.0.1:0",
        // The notifier's "Alert projection started" is an Akka Information entry (Akka logs at Warning by default).
        ["Logging__LogLevel__Akka"] = "Information",
        ["Demo__SampleInterval"] = "00:00:00.100",
        ["Demo__VideoCount"] = "36",
        ["Alerts__ChangeThresholdPercent"] = raiseAlerts ? "0.01" : "10000",
        ["Alerts__MinimumChange"] = raiseAlerts ? "1" : "1000000000",
        ["Alerts__Milestones"] = raiseAlerts ? "1e3,1e4,1e5,1e6" : "",
        ["Alerts__Cooldown"] = "00:00:00", // every breaching sample alerts: many alerts in flight at each kill
    };

    private string Json(string field) => provider == "PostgreSql"
        ? $"(convert_from(message, 'UTF8')::jsonb #>> '{{{field.Replace('.', ',')}}}')"
        : $"json_extract(cast(message as text), '$.{field}')";

    [Fact]
    public async Task Should_persist_each_sample_once_and_deliver_each_alert_across_20_hard_kills()
    {
        var logged = new List<string>();
        var random = new Random();
        var killedAfter = new List<int>();
        for (var run = 0; run < Kills; run++)
        {
            using var host = HostProcess.Start(Environment(raiseAlerts: true));
            await Eventually.Holds(() => Assert.True(host.LoggedAlertIds.Count > 0 || host.HasExited, "the run is busy delivering"),
                TimeSpan.FromSeconds(90), Cancel);
            Assert.False(host.HasExited, string.Join('\n', host.Lines.TakeLast(20)));
            var work = random.Next(500, 3_000);
            killedAfter.Add(work);
            await Task.Delay(work, Cancel); // a random point of the busy run: the fault is the point, there is nothing to await
            host.KillHard();
            await host.WaitForExitAsync(Cancel);
            logged.AddRange(host.LoggedAlertIds);
        }

        var raisedIds = RaisedAlertIds();
        using (var last = HostProcess.Start(Environment(raiseAlerts: false)))
        {
            await Eventually.Holds(() =>
            {
                // Started (its projection runs), and what the killed runs left undelivered is delivered now.
                Assert.Contains(last.Lines, l => l.Contains("Alert projection started", StringComparison.Ordinal));
                var all = logged.Concat(last.LoggedAlertIds).ToHashSet();
                var missing = raisedIds.Where(id => !all.Contains(id)).ToList();
                Assert.True(missing.Count == 0,
                    $"{missing.Count} of {raisedIds.Count} raised alerts not delivered (first: {string.Join(", ", missing.Take(5))}; " +
                    $"{RecordedDelivered(missing).Count} of them recorded delivered by the notifier); " +
                    $"the last run logged {last.LoggedAlertIds.Count} alerts, its notifier and warning lines:\n" +
                    string.Join('\n', last.Lines.Where(l => l.Contains("projection", StringComparison.OrdinalIgnoreCase)
                        || l.Contains(" warn", StringComparison.OrdinalIgnoreCase) || l.Contains(" fail", StringComparison.OrdinalIgnoreCase) || l.Contains(" CRIT", StringComparison.Ordinal)).TakeLast(30)));
            }, TimeSpan.FromSeconds(120), Cancel);
            await last.StopAsync(Cancel);
            logged.AddRange(last.LoggedAlertIds);
            Assert.Equal(0, last.ExitCode);
        }

        // Alerts: raised once each (one tag row per distinct id), each delivered, none out of nowhere.
        var raised = raisedIds.Count;
        Assert.Equal(raised, raisedIds.Distinct().Count());
        Assert.Equal(raised, _journal.Scalar("select count(*) from tags where tag = 'alert'"));
        var delivered = logged.Distinct().ToHashSet();
        Assert.Empty(delivered.Except(raisedIds));
        var lostAlerts = raisedIds.Count(id => !delivered.Contains(id));
        var duplicateDeliveries = logged.Count - delivered.Count;
        Assert.Equal(0, lostAlerts);
        Assert.True(duplicateDeliveries <= Kills, $"{duplicateDeliveries} duplicate deliveries after {Kills} kills");
        Assert.True(raised >= Kills, $"only {raised} alerts were raised: the runs were not busy");

        // Samples: one event per (video, observedAt), and every persistence id's sequence numbers without a gap.
        var samples = _journal.SamplesPersisted();
        var distinctSamples = _journal.Scalar($"""
            select count(*) from (select distinct persistence_id, {Json("sample.observedAt")} from journal
            where manifest = 'video.sample-recorded.v1') d
            """);
        var gaps = _journal.Scalar("""
            select coalesce(sum(gap), 0) from (select max(sequence_number) - count(*) as gap from journal
            where persistence_id like 'video-%' group by persistence_id) g
            """);
        Assert.Equal(samples, distinctSamples);
        Assert.Equal(0, gaps);
        Assert.True(samples > Kills * 10, $"only {samples} samples were persisted: the runs were not busy");

        var where = provider == "PostgreSql" ? "PostgreSQL" : "SQLite";
        ReliabilityFigures.Record(Category, $"alerts across {Kills} SIGKILLs, {where}", raised, raised - lostAlerts, lostAlerts, duplicateDeliveries);
        ReliabilityFigures.Record(Category, $"samples across {Kills} SIGKILLs, {where}", samples, distinctSamples, gaps, samples - distinctSamples);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Kills} kills on {where} after {string.Join(", ", killedAfter)} ms of delivering: {raised} alerts raised, " +
            $"{delivered.Count} delivered, {duplicateDeliveries} twice; {samples} samples, {samples - distinctSamples} duplicates, {gaps} gaps");
    }

    /// <summary>Which of these alert ids the notifier's journal records as delivered (a line the test never saw).</summary>
    private List<string> RecordedDelivered(IReadOnlyCollection<string> alertIds)
    {
        var delivered = _journal.Strings($"select {Json("alertId")} from journal where manifest = 'notifier.alert-delivered.v1'").ToHashSet();
        return [.. alertIds.Where(delivered.Contains)];
    }

    private List<string> RaisedAlertIds() =>
        [.. _journal.Strings($"select {Json("alert.alertId")} from journal where manifest = 'video.alert-raised.v1'")];
}
