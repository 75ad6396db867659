using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace YouTubeAnalytics.Testing;

/// <summary>
/// A PostgreSQL server of the test's own on a free loopback port, that the test may stop and start (an outage).
/// Uses the machine's PostgreSQL binaries (/usr/lib/postgresql/N/bin); runs them as the postgres user when root.
/// </summary>
public sealed class OwnedPostgresServer : IDisposable
{
    private readonly string _bin;
    private readonly string _dir;

    public OwnedPostgresServer()
    {
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderBy(b => b, StringComparer.Ordinal).LastOrDefault() ?? ""
            : "";
        if (_bin.Length == 0)
            throw new InvalidOperationException("PostgreSQL binaries not found under /usr/lib/postgresql (apt-get install postgresql)");
        _dir = Directory.CreateTempSubdirectory("yta-pg-").FullName;
        Port = FreePort();
        if (IsRoot)
            Run("chown", ["postgres:postgres", _dir]);
        AsPostgres($"{_bin}/initdb -D {_dir}/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8");
        Start();
        ConnectionString = $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=5;Command Timeout=10";
    }

    public int Port { get; }

    public string ConnectionString { get; }

    private static bool IsRoot => Environment.UserName == "root";

    public void Start() => AsPostgres(
        $"{_bin}/pg_ctl -D {_dir}/data -l {_dir}/server.log -w -t 30 start -o \"-c listen_addresses=127.0.0.1 -p {Port} -k {_dir} -c fsync=off\"");

    /// <summary>Stops the server the way an operator or a crash would: connections are cut.</summary>
    public void Stop() => AsPostgres($"{_bin}/pg_ctl -D {_dir}/data -m fast -w stop");

    public void Dispose()
    {
        try
        {
            AsPostgres($"{_bin}/pg_ctl -D {_dir}/data -m immediate -w stop");
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }
        Directory.Delete(_dir, recursive: true);
    }

    private void AsPostgres(string command)
    {
        if (IsRoot)
            Run("su", ["postgres", "-s", "/bin/bash", "-c", command]);
        else
            Run("/bin/bash", ["-c", command]);
    }

    private static void Run(string file, string[] args)
    {
        var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
