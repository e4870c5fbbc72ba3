using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tessera.Alpaca.Model;
using Tessera.Exchange.Errors;

namespace Tessera.Exchange.Http;

/// <summary>The trade updates stream (/stream) and the market data streams (/v2/{feed}).</summary>
internal static class StreamEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ExchangeRuntime rt)
    {
        app.Map("/stream", (RequestDelegate)(async ctx =>
        {
            if (await WebSocketUpgrade.AcceptAsync(ctx, rt.Options.Wall).ConfigureAwait(false) is not { } accepted)
            {
                await HttpIo.ErrorAsync(ctx, ExchangeError.Invalid("this endpoint is a WebSocket")).ConfigureAwait(false);
                return;
            }

            using var socket = accepted.Socket;
            await using var stream = accepted.Stream;
            await rt.TradeUpdates.HandleAsync(socket, stream, ctx.RequestAborted).ConfigureAwait(false);
        }));
        foreach (var feed in new[] { DataFeed.Iex, DataFeed.Sip, DataFeed.DelayedSip, DataFeed.Test, DataFeed.Otc })
        {
            app.Map("/v2/" + Wire<DataFeed>.Name(feed), (RequestDelegate)(async ctx =>
            {
                if (await WebSocketUpgrade.AcceptAsync(ctx, rt.Options.Wall).ConfigureAwait(false) is not { } accepted)
                {
                    await HttpIo.ErrorAsync(ctx, ExchangeError.Invalid("this endpoint is a WebSocket")).ConfigureAwait(false);
                    return;
                }

                using var socket = accepted.Socket;
                await using var stream = accepted.Stream;
                await rt.MarketData.HandleAsync(socket, stream, feed, ctx.RequestAborted).ConfigureAwait(false);
            }));
        }
    }
}
