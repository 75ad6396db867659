using System.Runtime.InteropServices;
using Npgsql;

namespace YouTubeAnalytics.Benchmarks.Support;

/// <summary>What the figures were measured on, read from the machine itself.</summary>
public sealed record Machine(int Cores, string Cpu, string Memory, string Os, string Runtime, string PostgreSql)
{
    /// <summary>The 1-minute load average (/proc/loadavg): above the core count, other work shared the CPUs.</summary>
    public static double LoadAverage() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0],
            System.Globalization.CultureInfo.InvariantCulture, out var load) ? load : double.NaN;

    public static Machine Describe(string? postgres)
    {
        var cpu = ReadLine("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memKb = ReadLine("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var memory = long.TryParse(memKb, out var kb) ? $"{kb / 1024.0 / 1024.0:F1} GiB" : "unknown";
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
                ?.Split('=', 2)[1].Trim('"') ?? RuntimeInformation.OSDescription
            : RuntimeInformation.OSDescription;
        return new Machine(Environment.ProcessorCount, cpu, memory, os, RuntimeInformation.FrameworkDescription, DescribePostgres(postgres));
    }

    private static string? ReadLine(string file, string key) =>
        File.Exists(file)
            ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;

    private static string DescribePostgres(string? server)
    {
        if (string.IsNullOrEmpty(server))
            return "not available";
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        string Show(string sql) => new NpgsqlCommand(sql, connection).ExecuteScalar()?.ToString() ?? "?";
        var version = Show("SHOW server_version");
        return $"PostgreSQL {version} on loopback (fsync={Show("SHOW fsync")}, synchronous_commit={Show("SHOW synchronous_commit")})";
    }
}
