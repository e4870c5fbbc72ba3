using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Tessera.Exchange.Streaming;

namespace Tessera.Exchange.Http;

/// <summary>
/// The WebSocket handshake (RFC 6455) done here rather than by ASP.NET Core's middleware, so the server socket runs
/// over a <see cref="PausableStream"/> that the stall fault can freeze.
/// </summary>
internal static class WebSocketUpgrade
{
    private const string Magic = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    public static bool IsWebSocketRequest(HttpContext ctx) =>
        ctx.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true
        && string.Equals(ctx.Request.Headers.Upgrade.ToString(), "websocket", StringComparison.OrdinalIgnoreCase);

    public static async Task<(WebSocket Socket, PausableStream Stream)?> AcceptAsync(HttpContext ctx, TimeProvider wall)
    {
        var key = ctx.Request.Headers.SecWebSocketKey.ToString();
        if (!IsWebSocketRequest(ctx) || key.Length != 24 || ctx.Request.Headers.SecWebSocketVersion.ToString() != "13")
        {
            return null;
        }

        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + Magic)));
        ctx.Response.Headers.Connection = "Upgrade";
        ctx.Response.Headers.Upgrade = "websocket";
        ctx.Response.Headers.SecWebSocketAccept = accept;
        var opaque = await ctx.Features.Get<IHttpUpgradeFeature>()!.UpgradeAsync().ConfigureAwait(false);
        var stream = new PausableStream(opaque, wall);
        var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.FromSeconds(10) });
        return (socket, stream);
    }
}
