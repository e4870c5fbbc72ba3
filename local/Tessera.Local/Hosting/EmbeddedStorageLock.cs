using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Tessera.Storage.Local;

namespace Tessera.Local.Hosting;

/// <summary>
/// .local/embedded-storage.lock: "pid blobPort queuePort tablePort" of the process that owns the embedded
/// Azurite. A lock whose process is gone or whose ports are closed is stale and ignored.
/// </summary>
public sealed record EmbeddedStorageLock(int ProcessId, int BlobPort, int QueuePort, int TablePort)
{
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteLauncher.DevAccountName};AccountKey={AzuriteLauncher.DevAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AzuriteLauncher.DevAccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AzuriteLauncher.DevAccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AzuriteLauncher.DevAccountName};";

    /// <summary>
    /// Claims the embedded storage atomically (the lock file is created with CreateNew, so of two processes
    /// starting at once exactly one wins); a stale lock (dead process) is removed and the claim retried once.
    /// Returns false when a live process holds it.
    /// </summary>
    public static bool TryClaim(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
                stream.Write(System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture)));
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                if (IsAlive(ReadProcessId(path)))
                {
                    return false;
                }

                File.Delete(path); // stale: its owner died without cleaning up
            }
        }

        return false;
    }

    /// <summary>Completes a claim with the ports Azurite listens on.</summary>
    public static void Publish(string path, AzuriteLauncher azurite)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        File.WriteAllText(path, string.Join(' ', Environment.ProcessId, azurite.BlobPort, azurite.QueuePort, azurite.TablePort));
    }

    /// <summary>The owner's pid, or -1 when unreadable.</summary>
    public static int ReadProcessId(string path)
    {
        try
        {
            var first = File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : -1;
        }
        catch (IOException)
        {
            return -1;
        }
    }

    public static EmbeddedStorageLock? TryReadLive(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var parts = File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 4 || !parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return null;
        }

        var l = new EmbeddedStorageLock(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[3], CultureInfo.InvariantCulture));
        return IsAlive(l.ProcessId) && IsListening(l.TablePort) ? l : null;
    }

    private static bool IsAlive(int pid)
    {
        if (pid <= 0)
        {
            return false;
        }

        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
