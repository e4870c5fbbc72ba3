using System.Diagnostics;
using System.Globalization;

namespace Tessera.Storage.Local;

/// <summary>
/// Finds Azurite processes still serving a data folder (a host that died before its emulator, or an emulator started
/// by hand) and stops them gracefully (SIGTERM: Azurite saves its data), escalating to SIGKILL only if one does not
/// exit in time. Two emulators on one folder would overwrite each other's metadata files.
/// </summary>
public static class LeftoverAzurite
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(15);

    /// <summary>Pids of live processes whose command line runs Azurite with <c>--location</c> <paramref name="location"/>.</summary>
    public static IReadOnlyList<int> Find(string location)
    {
        var found = new List<int>();
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc"))
        {
            return found;
        }

        var wanted = Path.GetFullPath(location).TrimEnd('/');
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            string[] args;
            try
            {
                args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
            }
            catch (IOException)
            {
                continue; // exited while we looked
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            if (IsAzuriteOn(args, wanted))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    /// <summary>Stops every Azurite serving <paramref name="location"/>; returns how many were stopped.</summary>
    public static async Task<int> StopAsync(string location, CancellationToken cancellationToken = default)
    {
        var pids = Find(location);
        foreach (var pid in pids)
        {
            using var process = TryGet(pid);
            if (process is null)
            {
                continue;
            }

            await Console.Error.WriteLineAsync($"stopping a leftover Azurite (pid {pid}) on {location}").ConfigureAwait(false);
            Signal(pid, "TERM");
            using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            grace.CancelAfter(Grace);
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return pids.Count;
    }

    private static bool IsAzuriteOn(string[] args, string location)
    {
        var isAzurite = false;
        var onLocation = false;
        for (var i = 0; i < args.Length; i++)
        {
            isAzurite |= args[i].Contains("azurite", StringComparison.OrdinalIgnoreCase);
            if (args[i] == "--location" && i + 1 < args.Length && args[i + 1].TrimEnd('/') == location)
            {
                onLocation = true;
            }
        }

        return isAzurite && onLocation;
    }

    private static Process? TryGet(int pid)
    {
        try
        {
            return Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return null; // already gone
        }
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
        kill?.WaitForExit();
    }
}
