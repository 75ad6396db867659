using System.Globalization;

namespace YouTubeAnalytics.Testing;

/// <summary>
/// One row of the fault and bad-input suite's summary: what a spec measured under one fault or one kind of hostile
/// input. <paramref name="Tried"/> items were put through it (alerts raised, samples served, requests sent...),
/// <paramref name="Survived"/> came out right, <paramref name="Lost"/> went missing (or, for hostile input, got
/// through: a 5xx, a state change without the key, a secret on display), <paramref name="Duplicated"/> arrived twice.
/// </summary>
public sealed record FigureRow(string Category, string Case, long Tried, long Survived, long Lost, long Duplicated);

/// <summary>
/// Where the specs of any test project write their figure rows: tab-separated lines, one file per test process, in
/// the directory named by YTA_RELIABILITY_DIR (scripts/test.sh sets it and prints the summary from it), else
/// TestResults/reliability under the test's output folder. A row must come from what the spec counted; the spec
/// records it after its oracle held, so a failing oracle fails the test and leaves no row. A new category is a new
/// spec that records rows with a new category name: the summary groups whatever it finds.
/// </summary>
public static class ReliabilityFigures
{
    public const string DirectoryVariable = "YTA_RELIABILITY_DIR";
    private static readonly Lock Writing = new();

    public static string Directory =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } dir
            ? dir
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "reliability");

    public static void Record(FigureRow row)
    {
        var fields = new[]
        {
            Clean(row.Category), Clean(row.Case),
            Number(row.Tried), Number(row.Survived), Number(row.Lost), Number(row.Duplicated),
        };
        lock (Writing)
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.AppendAllText(Path.Combine(Directory, $"figures-{Environment.ProcessId}.tsv"), string.Join('\t', fields) + "\n");
        }
    }

    public static void Record(string category, string @case, long tried, long survived, long lost, long duplicated) =>
        Record(new FigureRow(category, @case, tried, survived, lost, duplicated));

    private static string Clean(string text) => text.Replace('\t', ' ').Replace('\n', ' ');

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
