using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tessera.Alpaca.Model;
using Tessera.Exchange.Errors;
using Tessera.Exchange.Faults;
using Tessera.Exchange.Json;
using Tessera.Exchange.Trading;

namespace Tessera.Exchange.Http;

/// <summary>Trading API v2: orders (with the order-POST faults), account, and the thin read routes.</summary>
internal static class TradingEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ExchangeRuntime rt)
    {
        app.MapGet("/v2/account", (RequestDelegate)(ctx => HttpIo.JsonAsync(ctx, 200, rt.Venue.Read(v => ExchangeJson.Write(w => ExchangeJson.WriteAccount(w, v))))));
        app.MapPost("/v2/orders", (RequestDelegate)(ctx => PostOrderAsync(ctx, rt)));
        app.MapGet("/v2/orders", (RequestDelegate)(ctx => ListOrdersAsync(ctx, rt)));
        app.MapDelete("/v2/orders", (RequestDelegate)(ctx => CancelAllAsync(ctx, rt)));
        app.MapGet("/v2/orders:by_client_order_id", (RequestDelegate)(ctx => ByClientOrderIdAsync(ctx, rt)));
        app.MapGet("/v2/orders/{id}", (RequestDelegate)(ctx => GetOrderAsync(ctx, rt)));
        app.MapPatch("/v2/orders/{id}", (RequestDelegate)(ctx => ReplaceAsync(ctx, rt)));
        app.MapDelete("/v2/orders/{id}", (RequestDelegate)(ctx => CancelAsync(ctx, rt)));
        PositionEndpoints.Map(app, rt);
        ReferenceEndpoints.Map(app, rt);
    }

    private static async Task PostOrderAsync(HttpContext ctx, ExchangeRuntime rt)
    {
        var (body, tooLarge) = await HttpIo.ReadBodyAsync(ctx, rt.Options.MaxRequestBodyBytes).ConfigureAwait(false);
        if (tooLarge is not null)
        {
            await HttpIo.ErrorAsync(ctx, tooLarge).ConfigureAwait(false);
            return;
        }

        var (request, invalid) = RequestReader.ReadOrder(body);
        if (invalid is not null)
        {
            await HttpIo.ErrorAsync(ctx, invalid).ConfigureAwait(false);
            return;
        }

        var fault = rt.Faults.DecideOrderPost();
        var status = rt.Faults.Plan.OrderErrorStatus;
        if (fault == OrderPostFault.ErrorBeforeAccept)
        {
            await HttpIo.ErrorAsync(ctx, ExchangeError.Internal with { Status = status }).ConfigureAwait(false);
            return;
        }

        var result = rt.Venue.Submit(request!);
        if (!result.IsSuccess)
        {
            await HttpIo.ErrorAsync(ctx, result.Error!).ConfigureAwait(false);
            return;
        }

        switch (fault)
        {
            case OrderPostFault.ErrorAfterAccept:
                // The duplicate trap: the order exists, the client is told the request failed.
                await HttpIo.ErrorAsync(ctx, ExchangeError.Internal with { Status = status }).ConfigureAwait(false);
                return;
            case OrderPostFault.TimeoutAfterAccept:
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(rt.Faults.Plan.OrderTimeoutMs), rt.Options.Wall, ctx.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                break;
        }

        await HttpIo.JsonAsync(ctx, 200, result.Value!.Json).ConfigureAwait(false);
    }

    private static Task ListOrdersAsync(HttpContext ctx, ExchangeRuntime rt)
    {
        var q = new QueryParams(ctx);
        var status = q.Enum<OrderStatusFilter>("status") ?? OrderStatusFilter.Open;
        var limit = q.Int("limit", 50, 1, 500);
        var after = q.Time("after");
        var until = q.Time("until");
        var direction = q.Enum<SortDirection>("direction") ?? SortDirection.Desc;
        var nested = q.Bool("nested") ?? false;
        var symbols = q.List("symbols")?.Select(s => s.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        var side = q.Enum<OrderSide>("side");
        if (q.Error is { } error)
        {
            return HttpIo.ErrorAsync(ctx, error);
        }

        var body = rt.Venue.Read(v =>
        {
            IEnumerable<ExchangeOrder> orders = v.Orders.Where(o =>
                (status == OrderStatusFilter.All || (status == OrderStatusFilter.Open) == o.IsOpen)
                && (!nested || !o.IsLeg)
                && (symbols is null || symbols.Contains(o.Symbol.Symbol))
                && (side is null || o.Side == side)
                && (after is null || o.SubmittedAt > after)
                && (until is null || o.SubmittedAt < until));
            orders = direction == SortDirection.Asc
                ? orders.OrderBy(o => o.SubmittedAt).ThenBy(o => o.Sequence)
                : orders.OrderByDescending(o => o.SubmittedAt).ThenByDescending(o => o.Sequence);
            return ExchangeJson.Write(w =>
            {
                w.WriteStartArray();
                foreach (var o in orders.Take(limit))
                {
                    ExchangeJson.WriteOrder(w, o, nested);
                }

                w.WriteEndArray();
            });
        });
        return HttpIo.JsonAsync(ctx, 200, body);
    }

    private static Task ByClientOrderIdAsync(HttpContext ctx, ExchangeRuntime rt)
    {
        var q = new QueryParams(ctx);
        if (q.String("client_order_id") is not { } cid)
        {
            return HttpIo.ErrorAsync(ctx, ExchangeError.BadQuery("client_order_id", "is required"));
        }

        var body = rt.Venue.Read(v => v.OrderByClientId(cid) is { } o ? ExchangeJson.Order(o, nested: true) : null);
        return body is null ? HttpIo.ErrorAsync(ctx, ExchangeError.OrderNotFound) : HttpIo.JsonAsync(ctx, 200, body);
    }

    private static Task GetOrderAsync(HttpContext ctx, ExchangeRuntime rt)
    {
        if (!Guid.TryParse(ctx.Request.RouteValues["id"] as string, out var id))
        {
            return HttpIo.ErrorAsync(ctx, ExchangeError.OrderNotFound);
        }

        var body = rt.Venue.Read(v => v.Order(id) is { } o ? ExchangeJson.Order(o, nested: true) : null);
        return body is null ? HttpIo.ErrorAsync(ctx, ExchangeError.OrderNotFound) : HttpIo.JsonAsync(ctx, 200, body);
    }

    private static async Task ReplaceAsync(HttpContext ctx, ExchangeRuntime rt)
    {
        if (!Guid.TryParse(ctx.Request.RouteValues["id"] as string, out var id))
        {
            await HttpIo.ErrorAsync(ctx, ExchangeError.OrderNotFound).ConfigureAwait(false);
            return;
        }

        var (body, tooLarge) = await HttpIo.ReadBodyAsync(ctx, rt.Options.MaxRequestBodyBytes).ConfigureAwait(false);
        if (tooLarge is not null)
        {
            await HttpIo.ErrorAsync(ctx, tooLarge).ConfigureAwait(false);
            return;
        }

        var (request, invalid) = RequestReader.ReadReplace(body);
        if (invalid is not null)
        {
            await HttpIo.ErrorAsync(ctx, invalid).ConfigureAwait(false);
            return;
        }

        var result = rt.Venue.Replace(id, request!);
        await (result.IsSuccess ? HttpIo.JsonAsync(ctx, 200, result.Value!.Json) : HttpIo.ErrorAsync(ctx, result.Error!)).ConfigureAwait(false);
    }

    private static Task CancelAsync(HttpContext ctx, ExchangeRuntime rt)
    {
        if (!Guid.TryParse(ctx.Request.RouteValues["id"] as string, out var id))
        {
            return HttpIo.ErrorAsync(ctx, ExchangeError.OrderNotFound);
        }

        var error = rt.Venue.Cancel(id);
        return error is null ? HttpIo.NoContent(ctx) : HttpIo.ErrorAsync(ctx, error);
    }

    private static Task CancelAllAsync(HttpContext ctx, ExchangeRuntime rt)
    {
        var results = rt.Venue.CancelAll();
        var body = ExchangeJson.Write(w =>
        {
            w.WriteStartArray();
            foreach (var (id, status, order) in results)
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteNumber("status", status);
                w.WritePropertyName("body");
                w.WriteRawValue(order, skipInputValidation: true);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
        return HttpIo.JsonAsync(ctx, 207, body);
    }
}
