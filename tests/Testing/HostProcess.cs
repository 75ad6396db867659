using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace YouTubeAnalytics.Testing;

/// <summary>The real host as a child process (dotnet YouTubeAnalytics.Host.dll), so that it can be killed with SIGKILL.</summary>
public sealed partial class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<(DateTimeOffset At, string Line)> _timedLines = new();

    private HostProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Take(e.Data);
        process.ErrorDataReceived += (_, e) => Take(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Starts the host in <paramref name="workingDirectory"/> (default: the test's output folder, where no .env is).</summary>
    public static HostProcess Start(IDictionary<string, string> environment, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "YouTubeAnalytics.Host.dll")])
        {
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        return new HostProcess(Process.Start(info)!);
    }

    private void Take(string? line)
    {
        if (line is null)
            return;
        _lines.Enqueue(line);
        _timedLines.Enqueue((DateTimeOffset.UtcNow, line));
    }

    public IReadOnlyList<string> Lines => _lines.ToList();

    /// <summary>Every line with the moment the test read it (the test's clock, so specs can order lines of several nodes).</summary>
    public IReadOnlyList<(DateTimeOffset At, string Line)> TimedLines => _timedLines.ToList();

    /// <summary>A loopback port nothing listens on right now, for Api__Urls when the test must know where to call.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Alert ids the log sink wrote, in order.</summary>
    public IReadOnlyList<string> LoggedAlertIds => _lines.Select(l => AlertLine().Match(l)).Where(m => m.Success)
        .Select(m => m.Groups[1].Value).ToList();

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    /// <summary>The process's resident memory (VmRSS from /proc), in MiB.</summary>
    public double ResidentMiB()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }

    public int ExitCode => _process.ExitCode;

    public void KillHard() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGSTOP: the process freezes (no heartbeat, no I/O) as if its host or network hung; <see cref="Resume"/> wakes it.</summary>
    public void Pause() => Signal("-STOP");

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume() => Signal("-CONT");

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", [signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
            throw new InvalidOperationException($"kill {signal} {_process.Id} exited with {kill.ExitCode}");
    }

    /// <summary>Asks for a graceful stop (SIGTERM) and waits for the process to end.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_process.HasExited)
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]).WaitForExit();
        await _process.WaitForExitAsync(cancellationToken);
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    [GeneratedRegex(@"ALERT ([0-9a-f]{20}) for")]
    private static partial Regex AlertLine();
}
