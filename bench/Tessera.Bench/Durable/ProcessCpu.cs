using System.Diagnostics;
using System.Globalization;

namespace Tessera.Bench.Durable;

/// <summary>
/// CPU time used by this process and by the Azurite it started (a child <c>node</c> process, found through /proc on
/// Linux; elsewhere, or if it cannot be found, only this process is measured).
/// </summary>
internal sealed class ProcessCpu : IDisposable
{
    private readonly Process? _azurite;

    private ProcessCpu(Process? azurite) => _azurite = azurite;

    public bool HasAzurite => _azurite is not null;

    public static ProcessCpu Find()
    {
        var self = Environment.ProcessId;
        if (!Directory.Exists("/proc"))
        {
            return new ProcessCpu(null);
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                // /proc/PID/stat: "pid (comm) state ppid ...": comm may hold spaces, so split after the last ')'.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == self && cmdline.Contains("azurite", StringComparison.OrdinalIgnoreCase))
                {
                    return new ProcessCpu(Process.GetProcessById(pid));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or FormatException)
            {
                // The process ended or is not readable: not ours.
            }
        }

        return new ProcessCpu(null);
    }

    public void Dispose() => _azurite?.Dispose();

    /// <summary>CPU time so far: (this process, Azurite or zero).</summary>
    public (TimeSpan Self, TimeSpan Azurite) Now()
    {
        using var self = Process.GetCurrentProcess();
        if (_azurite is null)
        {
            return (self.TotalProcessorTime, TimeSpan.Zero);
        }

        _azurite.Refresh();
        return (self.TotalProcessorTime, _azurite.TotalProcessorTime);
    }
}
