using Tessera.Core.Errors;

namespace Tessera.Alpaca.Model;

/// <summary>
/// The combinations Alpaca accepts for a new order, in one place: the client checks them before sending and the
/// local exchange answers the same rule with a 422. Each violation names the field, the value and the rule.
/// </summary>
public static class OrderRequestRules
{
    /// <summary>Alpaca's current limit (older docs said 48; the API accepts up to 128).</summary>
    public const int MaxClientOrderIdLength = 128;

    public static void Validate(OrderRequest request)
    {
        if (Check(request) is { } violation)
        {
            throw violation;
        }
    }

    /// <summary>The first rule the request breaks, or null.</summary>
    public static TesseraValidationException? Check(OrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Symbol) || request.Symbol.Length > 32)
        {
            return new("symbol", request.Symbol, "must be 1..32 characters");
        }

        if (request.Side == OrderSide.Unknown)
        {
            return new("side", null, "must be one of " + Wire<OrderSide>.Expected);
        }

        if (request.Type == OrderType.Unknown)
        {
            return new("type", null, "must be one of " + Wire<OrderType>.Expected);
        }

        if (request.TimeInForce == TimeInForce.Unknown)
        {
            return new("time_in_force", null, "must be one of " + Wire<TimeInForce>.Expected);
        }

        if ((request.Qty is null) == (request.Notional is null))
        {
            return new("qty", request.Qty?.ToString(), "exactly one of qty and notional is required");
        }

        if (request.Qty is { } qty && qty <= 0)
        {
            return new("qty", qty.ToString(), "qty must be > 0");
        }

        if (request.Notional is { } notional)
        {
            if (notional <= 0)
            {
                return new("notional", notional.ToString(), "notional must be > 0");
            }

            if (request.TimeInForce != TimeInForce.Day)
            {
                return new("time_in_force", Wire<TimeInForce>.Name(request.TimeInForce), "notional orders must be day orders");
            }
        }

        if (CheckPrices(request) is { } prices)
        {
            return prices;
        }

        if (request.ExtendedHours == true && (request.Type != OrderType.Limit || request.TimeInForce != TimeInForce.Day))
        {
            return new("extended_hours", "true", "extended hours orders must be limit orders with time_in_force day");
        }

        if (request.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok && request.Type is not (OrderType.Market or OrderType.Limit))
        {
            return new("time_in_force", Wire<TimeInForce>.Name(request.TimeInForce), "ioc and fok apply to market and limit orders");
        }

        if (request.ClientOrderId is { } id && (id.Length == 0 || id.Length > MaxClientOrderIdLength))
        {
            return new("client_order_id", id, $"must be 1..{MaxClientOrderIdLength} characters");
        }

        return CheckClass(request);
    }

    private static TesseraValidationException? CheckPrices(OrderRequest r)
    {
        // An OCO's limit leg takes its price from take_profit; Alpaca accepts the order without a top-level limit_price.
        var needsLimit = r.Type is OrderType.Limit or OrderType.StopLimit && !(r.OrderClass == OrderClass.Oco && r.LimitPrice is null);
        var needsStop = r.Type is OrderType.Stop or OrderType.StopLimit;
        if (needsLimit != r.LimitPrice.HasValue)
        {
            return new("limit_price", r.LimitPrice?.ToString(), needsLimit ? "limit_price is required for limit and stop_limit orders" : "limit_price is only for limit and stop_limit orders");
        }

        if (needsStop != r.StopPrice.HasValue)
        {
            return new("stop_price", r.StopPrice?.ToString(), needsStop ? "stop_price is required for stop and stop_limit orders" : "stop_price is only for stop and stop_limit orders");
        }

        if (r.LimitPrice is <= 0)
        {
            return new("limit_price", r.LimitPrice.ToString(), "limit_price must be > 0");
        }

        if (r.StopPrice is <= 0)
        {
            return new("stop_price", r.StopPrice.ToString(), "stop_price must be > 0");
        }

        if (r.Type == OrderType.TrailingStop)
        {
            if (r.TrailPrice.HasValue == r.TrailPercent.HasValue)
            {
                return new("trail_price", r.TrailPrice?.ToString(), "trailing_stop needs exactly one of trail_price and trail_percent");
            }

            if (r.TrailPrice is <= 0)
            {
                return new("trail_price", r.TrailPrice.ToString(), "trail_price must be > 0");
            }

            if (r.TrailPercent is <= 0 or > 100)
            {
                return new("trail_percent", r.TrailPercent.ToString(), "trail_percent must be in (0, 100]");
            }
        }
        else if (r.TrailPrice.HasValue || r.TrailPercent.HasValue)
        {
            return new("trail_price", (r.TrailPrice ?? r.TrailPercent)?.ToString(), "trail_price and trail_percent are only for trailing_stop orders");
        }

        return null;
    }

    private static TesseraValidationException? CheckClass(OrderRequest r)
    {
        var cls = r.OrderClass ?? OrderClass.Simple;
        if (r.TakeProfit is { LimitPrice: <= 0 })
        {
            return new("take_profit.limit_price", r.TakeProfit.LimitPrice.ToString(), "must be > 0");
        }

        if (r.StopLoss is { } sl && (sl.StopPrice <= 0 || sl.LimitPrice is <= 0))
        {
            return new("stop_loss.stop_price", sl.StopPrice.ToString(), "stop_price and limit_price must be > 0");
        }

        switch (cls)
        {
            case OrderClass.Simple:
                return r.TakeProfit is not null || r.StopLoss is not null
                    ? new("order_class", "simple", "take_profit and stop_loss need order_class bracket, oco or oto")
                    : null;
            case OrderClass.Bracket:
                if (r.TakeProfit is null || r.StopLoss is null)
                {
                    return new("order_class", "bracket", "bracket orders need both take_profit and stop_loss");
                }

                return r.TimeInForce is TimeInForce.Day or TimeInForce.Gtc
                    ? CheckExitPrices(r)
                    : new("time_in_force", Wire<TimeInForce>.Name(r.TimeInForce), "bracket orders must be day or gtc");
            case OrderClass.Oco:
                if (r.TakeProfit is null || r.StopLoss is null)
                {
                    return new("order_class", "oco", "oco orders need both take_profit and stop_loss");
                }

                return r.Type == OrderType.Limit
                    ? null
                    : new("type", Wire<OrderType>.Name(r.Type), "oco orders must be limit orders (the take-profit leg)");
            case OrderClass.Oto:
                return (r.TakeProfit is null) == (r.StopLoss is null)
                    ? new("order_class", "oto", "oto orders need exactly one of take_profit and stop_loss")
                    : null;
            default:
                return new("order_class", null, "must be one of " + Wire<OrderClass>.Expected);
        }
    }

    /// <summary>A buy bracket's take-profit must sit above its stop-loss (and the reverse for a sell).</summary>
    private static TesseraValidationException? CheckExitPrices(OrderRequest r)
    {
        var tp = r.TakeProfit!.LimitPrice;
        var sl = r.StopLoss!.StopPrice;
        var ok = r.Side == OrderSide.Buy ? tp > sl : tp < sl;
        return ok ? null : new("take_profit.limit_price", tp.ToString(), r.Side == OrderSide.Buy ? "must be above stop_loss.stop_price for a buy" : "must be below stop_loss.stop_price for a sell");
    }
}
