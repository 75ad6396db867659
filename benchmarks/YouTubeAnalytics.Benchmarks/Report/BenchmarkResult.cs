using YouTubeAnalytics.Benchmarks.Support;

namespace YouTubeAnalytics.Benchmarks.Report;

/// <summary>When and how one section was last measured.</summary>
/// <param name="LoadBefore">The machine's 1-minute load average when the section started, <paramref name="LoadAfter"/> when it ended.</param>
public sealed record SectionRun(string Mode, DateTimeOffset At, double Seconds, double LoadBefore, double LoadAfter);

/// <summary>docs/benchmarks.json: the machine, each section's last run, and every figure.</summary>
public sealed record BenchmarkResult(Machine Machine, Dictionary<string, SectionRun> Sections, List<Figure> Figures)
{
    /// <summary>
    /// This run's sections replace the same sections of <paramref name="previous"/> (a --only run updates its part of
    /// the report); sections not run now are kept as they were, with their own mode and time.
    /// </summary>
    public static BenchmarkResult Merge(BenchmarkResult? previous, BenchmarkResult now)
    {
        if (previous is null)
            return now;
        var sections = new Dictionary<string, SectionRun>(previous.Sections);
        foreach (var (name, run) in now.Sections)
            sections[name] = run;
        var figures = previous.Figures.Where(f => !now.Sections.ContainsKey(f.Section)).Concat(now.Figures).ToList();
        return new BenchmarkResult(now.Machine, sections, figures);
    }
}
