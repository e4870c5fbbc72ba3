using System.Net;
using System.Net.Sockets;

namespace Tessera.Storage.Local;

/// <summary>A free TCP port on 127.0.0.1, for the servers the local default and the tests start (never a fixed port).</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
