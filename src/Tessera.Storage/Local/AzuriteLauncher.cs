using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tessera.Storage.Local;

/// <summary>
/// Starts the pinned Azurite emulator (node_modules/.bin/azurite from the repository's package.json)
/// on free 127.0.0.1 ports and stops it on dispose. Used by the embedded default of the local host and
/// by integration tests, so both run against the same real storage service.
/// </summary>
public sealed class AzuriteLauncher : IAsyncDisposable
{
    public const string DevAccountName = "devstoreaccount1";

    // The well-known, public Azurite development key (not a secret).
    public const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private AzuriteLauncher(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>
    /// True when the emulator that last served this folder did not stop cleanly (it left its pid file): its tables,
    /// queues and blobs may each have lost a different last fraction of a second of writes.
    /// </summary>
    public bool PreviousStopWasUnclean { get; private init; }

    /// <summary>The emulator's process id (tests check that it does not outlive its host).</summary>
    public int ProcessId => _process.Id;

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={DevAccountName};AccountKey={DevAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{DevAccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{DevAccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{DevAccountName};";

    /// <summary>Finds node_modules/.bin/azurite walking up from the working directory and the app base directory.</summary>
    public static string? FindExecutable()
    {
        var fromEnv = Environment.GetEnvironmentVariable("TESSERA_AZURITE_PATH");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(fromEnv))
        {
            return fromEnv;
        }

        return FindRepositoryRoot() is { } root ? Path.Combine(root, "node_modules", ".bin", "azurite") : null;
    }

    /// <summary>The folder holding node_modules/.bin/azurite (the repository root of a checkout).</summary>
    private static string? FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "node_modules", ".bin", "azurite")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Starts Azurite in memory (or persisting to <paramref name="location"/>) and waits until all three ports accept
    /// connections. It runs tethered to this process (scripts/azurite-tethered.cjs): when this process dies, however it
    /// dies, the emulator sees its stdin close and shuts down gracefully, saving its data. A leftover emulator on the
    /// same <paramref name="location"/> (from a host that could not stop it) is stopped gracefully first.
    /// </summary>
    public static async Task<AzuriteLauncher> StartAsync(string? location = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var previousStopWasUnclean = false;
        var psi = StartInfo() ?? throw new InvalidOperationException(
            "Azurite is not installed: run 'npm ci' at the repository root (make run / make test do it for you), or set TESSERA_AZURITE_PATH.");
        var blob = LoopbackPort.Free();
        var queue = LoopbackPort.Free();
        var table = LoopbackPort.Free();
        foreach (var arg in new[]
        {
            "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--disableTelemetry", "--skipApiVersionCheck", "--silent",
        })
        {
            psi.ArgumentList.Add(arg);
        }

        if (location is null)
        {
            psi.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            location = Path.GetFullPath(location);
            Directory.CreateDirectory(location);
            await LeftoverAzurite.StopAsync(location, cancellationToken).ConfigureAwait(false);

            // The emulator removes its pid file when it stops cleanly (data saved); one left behind means it died
            // without saving (power cut, SIGKILL of the emulator itself): its last writes may be torn.
            var pidFile = Path.Combine(location, "azurite.pid");
            previousStopWasUnclean = File.Exists(pidFile);
            File.Delete(pidFile);
            psi.ArgumentList.Add("--location");
            psi.ArgumentList.Add(location);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start Azurite (" + psi.FileName + ")");

        // Drain output so the child never blocks on a full pipe. Stdin stays open: it is the tether (see above).
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var launcher = new AzuriteLauncher(process, blob, queue, table) { PreviousStopWasUnclean = previousStopWasUnclean };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        foreach (var port in new[] { blob, queue, table })
        {
            while (!await IsListeningAsync(port, cancellationToken).ConfigureAwait(false))
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    await launcher.DisposeAsync().ConfigureAwait(false);
                    throw new InvalidOperationException($"Azurite did not start listening on 127.0.0.1:{port} (exited: {process.HasExited}).");
                }

                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }

        return launcher;
    }

    /// <summary>
    /// node scripts/azurite-tethered.cjs from the checkout (tethered), or TESSERA_AZURITE_PATH as given (an Azurite
    /// of the user's own, started directly: not tethered); null when neither exists.
    /// </summary>
    private static ProcessStartInfo? StartInfo()
    {
        var fromEnv = Environment.GetEnvironmentVariable("TESSERA_AZURITE_PATH");
        ProcessStartInfo psi;
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(fromEnv))
        {
            psi = new ProcessStartInfo(fromEnv);
        }
        else if (FindRepositoryRoot() is { } root && File.Exists(Path.Combine(root, "scripts", TetherScript)))
        {
            psi = new ProcessStartInfo("node");
            psi.ArgumentList.Add(Path.Combine(root, "scripts", TetherScript));
        }
        else
        {
            return null;
        }

        psi.RedirectStandardInput = true;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        return psi;
    }

    private const string TetherScript = "azurite-tethered.cjs";

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // SIGTERM first: Azurite then flushes its persisted (--location) data; SIGKILL would lose the
                // last autosave interval. Escalate to a kill when it does not exit in time.
                if (!OperatingSystem.IsWindows() && SendSigterm(_process.Id) == 0)
                {
                    using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    try
                    {
                        await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        // fall through to the kill below
                    }
                }

                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync().ConfigureAwait(false);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
    }

    /// <summary>Sends SIGTERM with the system's kill(1); returns its exit code (0 = delivered).</summary>
    private static int SendSigterm(int pid)
    {
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
            kill!.WaitForExit();
            return kill.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }


    private static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
