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

    public static void Write(string path, AzuriteLauncher azurite)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Join(' ', Environment.ProcessId, azurite.BlobPort, azurite.QueuePort, azurite.TablePort));
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
