using System.Diagnostics;
using YouTubeAnalytics.Benchmarks;
using YouTubeAnalytics.Benchmarks.Report;
using YouTubeAnalytics.Benchmarks.Support;

// scripts/bench.sh [--quick] [--only steady,throughput,latency,...] [--set Key=Value]: runs the benchmarks side by side and writes
// docs/benchmarks.json and docs/BENCHMARKS.md. Needs YTA_TEST_POSTGRES (bench.sh starts a server on loopback).
var quick = args.Contains("--quick");
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault()?.Split(',') ?? [];
// --set Key=Value (repeatable): a host setting for ours in the steady section, to measure a lever before and after.
foreach (var set in args.Select((a, i) => (a, i)).Where(x => x.a == "--set" && x.i + 1 < args.Length).Select(x => args[x.i + 1]))
    YouTubeAnalytics.Benchmarks.Steady.SteadyBenchmark.Extra[set.Split('=', 2)[0]] = set.Split('=', 2).ElementAtOrDefault(1);
var docs = Path.GetFullPath(args.SkipWhile(a => a != "--docs").Skip(1).FirstOrDefault() ?? "docs");
// WebApplicationFactory finds the host's content root through MvcTestingAppManifest.json in the working directory.
Directory.SetCurrentDirectory(AppContext.BaseDirectory);
var plan = quick ? BenchmarkPlan.QuickRun : BenchmarkPlan.Full;
// --steady videos,samples,pairs: other sizes for the steady section (e.g. to compare a lever quickly).
if (args.SkipWhile(a => a != "--steady").Skip(1).FirstOrDefault()?.Split(',') is [var v, var s, var p])
    plan = plan with { SteadyVideos = int.Parse(v, System.Globalization.CultureInfo.InvariantCulture),
        SteadySamples = int.Parse(s, System.Globalization.CultureInfo.InvariantCulture),
        SteadyPairs = int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) };
var mode = quick ? "quick" : "full";

var unknown = only.Except(Benchmarks.Sections).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown section(s): {string.Join(", ", unknown)}; known: {string.Join(", ", Benchmarks.Sections)}");
    return 2;
}

// --render: no section runs; docs/BENCHMARKS.md is regenerated from docs/benchmarks.json as it is.
if (args.Contains("--render"))
{
    ReportWriter.Render(docs);
    Console.WriteLine($"Rendered {Path.Combine(docs, ReportWriter.MarkdownFile)} from {Path.Combine(docs, ReportWriter.JsonFile)}");
    return 0;
}

var machine = Machine.Describe(Environment.GetEnvironmentVariable("YTA_TEST_POSTGRES"));
Console.WriteLine($"Benchmarks ({mode} run) on {machine.Cores} cores, {machine.Cpu}, {machine.PostgreSql}");
var total = Stopwatch.StartNew();
var figures = new List<Figure>();
var sections = new Dictionary<string, SectionRun>();
foreach (var section in Benchmarks.Sections.Where(s => only.Length == 0 || only.Contains(s)))
{
    Console.WriteLine($"{section}:");
    var watch = Stopwatch.StartNew();
    var load = Machine.LoadAverage();
    figures.AddRange(await Benchmarks.RunAsync(section, plan));
    sections[section] = new SectionRun(mode, DateTimeOffset.UtcNow, watch.Elapsed.TotalSeconds, load, Machine.LoadAverage());
    Console.WriteLine($"{section}: done in {watch.Elapsed.TotalSeconds:F0} s");
}

ReportWriter.Write(new BenchmarkResult(machine, sections, figures), docs);
foreach (var f in figures)
    Console.WriteLine($"FIGURE {f.Key}: {f.Value:0.###} {f.Unit} ({f.Scale})");
Console.WriteLine($"Wrote {Path.Combine(docs, ReportWriter.JsonFile)} and {Path.Combine(docs, ReportWriter.MarkdownFile)} in {total.Elapsed.TotalSeconds:F0} s");
return 0;
