using System.Net.WebSockets;
using System.Text;

namespace Tessera.Exchange.Tests.Support;

/// <summary>A bare WebSocket for protocol tests the Alpaca client would never perform (talking before auth, bad frames).</summary>
public sealed class RawSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _ws = new();

    public static async Task<RawSocket> ConnectAsync(Uri baseAddress, string path)
    {
        var raw = new RawSocket();
        var uri = new UriBuilder(baseAddress) { Scheme = "ws", Path = path }.Uri;
        await raw._ws.ConnectAsync(uri, CancellationToken.None);
        return raw;
    }

    public WebSocketState State => _ws.State;

    public Task SendAsync(string text) => _ws.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next message, or null when the server closed the connection.</summary>
    public async Task<string?> ReceiveAsync()
    {
        using var cts = new CancellationTokenSource(StreamReading.Patience);
        var buffer = new byte[64 * 1024];
        var length = 0;
        while (true)
        {
            var r = await _ws.ReceiveAsync(buffer.AsMemory(length), cts.Token);
            if (r.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            length += r.Count;
            if (r.EndOfMessage)
            {
                return Encoding.UTF8.GetString(buffer, 0, length);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _ws.Abort();
        _ws.Dispose();
        await Task.CompletedTask;
    }
}
