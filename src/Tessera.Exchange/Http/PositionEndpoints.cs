using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tessera.Alpaca.Model;
using Tessera.Exchange.Errors;
using Tessera.Exchange.Json;
using Tessera.Exchange.Trading;

namespace Tessera.Exchange.Http;

/// <summary>GET/DELETE /v2/positions and /v2/positions/{symbol_or_asset_id}.</summary>
internal static class PositionEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ExchangeRuntime rt)
    {
        app.MapGet("/v2/positions", (RequestDelegate)(ctx => HttpIo.JsonAsync(ctx, 200, rt.Venue.Read(v => ExchangeJson.Write(w =>
        {
            w.WriteStartArray();
            foreach (var p in v.Account.Positions.Values.OrderBy(p => p.Symbol.Symbol, StringComparer.Ordinal))
            {
                ExchangeJson.WritePosition(w, p, Held(p));
            }

            w.WriteEndArray();
        })))));
        app.MapGet("/v2/positions/{symbol}", (RequestDelegate)(ctx =>
        {
            var key = ctx.Request.RouteValues["symbol"] as string ?? string.Empty;
            var body = rt.Venue.Read(v => Find(v, key) is { } p ? ExchangeJson.Write(w => ExchangeJson.WritePosition(w, p, Held(p))) : null);
            return body is null ? HttpIo.ErrorAsync(ctx, ExchangeError.PositionNotFound) : HttpIo.JsonAsync(ctx, 200, body);
        }));
        app.MapDelete("/v2/positions/{symbol}", (RequestDelegate)(ctx =>
        {
            var q = new QueryParams(ctx);
            var qty = q.Decimal("qty");
            var percentage = q.Decimal("percentage");
            if (q.Error is { } error)
            {
                return HttpIo.ErrorAsync(ctx, error);
            }

            var key = ctx.Request.RouteValues["symbol"] as string ?? string.Empty;
            var symbol = rt.Venue.Read(v => Find(v, key)?.Symbol.Symbol);
            if (symbol is null)
            {
                return HttpIo.ErrorAsync(ctx, ExchangeError.PositionNotFound);
            }

            var result = rt.Venue.ClosePosition(symbol, qty, percentage);
            return result.IsSuccess ? HttpIo.JsonAsync(ctx, 200, result.Value!.Json) : HttpIo.ErrorAsync(ctx, result.Error!);
        }));
        app.MapDelete("/v2/positions", (RequestDelegate)(ctx =>
        {
            var q = new QueryParams(ctx);
            var cancel = q.Bool("cancel_orders") ?? false;
            if (q.Error is { } error)
            {
                return HttpIo.ErrorAsync(ctx, error);
            }

            var results = rt.Venue.CloseAll(cancel);
            return HttpIo.JsonAsync(ctx, 207, ExchangeJson.Write(w =>
            {
                w.WriteStartArray();
                foreach (var (symbol, status, body) in results)
                {
                    w.WriteStartObject();
                    w.WriteString("symbol", symbol);
                    w.WriteNumber("status", status);
                    w.WritePropertyName("body");
                    w.WriteRawValue(body, skipInputValidation: true);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }));
        }));
    }

    private static ExchangePosition? Find(VenueView v, string key)
    {
        foreach (var p in v.Account.Positions.Values)
        {
            if (string.Equals(p.Symbol.Symbol, key, StringComparison.OrdinalIgnoreCase) || (Guid.TryParse(key, out var id) && p.Symbol.Asset.Id == id))
            {
                return p;
            }
        }

        return null;
    }

    /// <summary>Shares promised to open orders that close the position (qty_available = qty - this).</summary>
    private static decimal Held(ExchangePosition p)
    {
        var closing = p.Qty > 0 ? OrderSide.Sell : OrderSide.Buy;
        var held = 0m;
        foreach (var o in p.Symbol.WorkingOrders)
        {
            if (o.Side == closing && o.Status != OrderStatus.Held && o.Qty is not null)
            {
                held += o.Remaining;
            }
        }

        return held;
    }
}
