using YouTubeAnalytics.Testing;

namespace YouTubeAnalytics.EndToEnd.Tests;

/// <summary>
/// The shipped executable on the demo source, killed with SIGKILL at random moments while it raises and delivers
/// alerts. Oracle: every alert in the journal reaches the log sink; none is raised twice; a duplicate delivery
/// happens only for the alert in flight at a kill (at most one per kill, as documented).
/// </summary>
public sealed class KillNineSpecs : IDisposable
{
    private const int Kills = 3;
    private readonly TestJournal _journal = TestJournal.Sqlite();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => _journal.Dispose();

    private Dictionary<string, string> Environment(bool raiseAlerts) => new(_journal.Environment)
    {
        ["Api__Urls"] = "http://127.0.0.1:0",
        ["Demo__SampleInterval"] = "00:00:00.100",
        ["Demo__VideoCount"] = "36",
        // Hair-trigger rules so a few seconds of demo data raise many alerts; the last run raises none.
        ["Alerts__ChangeThresholdPercent"] = raiseAlerts ? "0.01" : "10000",
        ["Alerts__MinimumChange"] = raiseAlerts ? "1" : "1000000000",
        ["Alerts__Milestones"] = raiseAlerts ? "1e3,1e4,1e5,1e6" : "",
    };

    [Fact]
    public async Task Should_lose_no_alert_and_raise_none_twice_across_kill_nine()
    {
        var logged = new List<string>();
        var random = new Random();
        for (var run = 0; run < Kills; run++)
        {
            using var host = HostProcess.Start(Environment(raiseAlerts: true));
            await Eventually.Holds(() => Assert.True(host.LoggedAlertIds.Count >= 5, "alerts are being delivered"),
                TimeSpan.FromSeconds(60), Cancel);
            await Task.Delay(random.Next(0, 400), Cancel); // a random point in a busy run, not a wait for anything
            host.KillHard();
            await host.WaitForExitAsync(Cancel);
            logged.AddRange(host.LoggedAlertIds);
        }

        var raised = _journal.Scalar("select count(*) from tags where tag = 'alert'");
        using (var last = HostProcess.Start(Environment(raiseAlerts: false)))
        {
            // The last run raises nothing new: it only has to catch up on what the killed runs left undelivered.
            await Eventually.Holds(() =>
            {
                Assert.Contains(last.Lines, l => l.Contains("Alert projection started", StringComparison.Ordinal));
                var all = logged.Concat(last.LoggedAlertIds).ToHashSet();
                Assert.Equal(raised, all.Count);
            }, TimeSpan.FromSeconds(60), Cancel);
            await last.StopAsync(Cancel);
            logged.AddRange(last.LoggedAlertIds);
            Assert.Equal(0, last.ExitCode);
        }

        var duplicates = logged.Count - logged.Distinct().Count();
        var distinctRaised = _journal.Scalar(
            "select count(distinct json_extract(cast(message as text), '$.alert.alertId')) from journal where manifest = 'video.alert-raised.v1'");
        Assert.Equal(raised, distinctRaised);
        Assert.True(duplicates <= Kills, $"{duplicates} duplicate deliveries after {Kills} kills");
        Assert.True(raised >= 15, $"only {raised} alerts were raised");
        TestContext.Current.TestOutputHelper?.WriteLine($"kill -9 x{Kills}: {raised} alerts raised, {logged.Distinct().Count()} delivered, {duplicates} duplicates");
    }
}
