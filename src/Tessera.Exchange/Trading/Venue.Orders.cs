using Tessera.Alpaca.Model;
using Tessera.Exchange.Errors;
using Tessera.Exchange.Json;

namespace Tessera.Exchange.Trading;

/// <summary>
/// Order intake: every rule is checked before anything changes (a refused order leaves no trace: no id consumed, no
/// client_order_id taken), then the order is created, announced, and meets the market.
/// </summary>
public sealed partial class Venue
{
    public VenueResult<AcceptedOrder> Submit(OrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            CatchUp();
            return SubmitLocked(request);
        }
    }

    public VenueResult<AcceptedOrder> Replace(Guid id, ReplaceOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            CatchUp();
            return ReplaceLocked(id, request);
        }
    }

    /// <summary>Cancels an open order (and its unfilled children). Null on success.</summary>
    public ExchangeError? Cancel(Guid id)
    {
        lock (_gate)
        {
            CatchUp();
            var order = FindOrder(id);
            if (order is null)
            {
                return ExchangeError.OrderNotFound;
            }

            if (!order.IsOpen)
            {
                return ExchangeError.NotCancelable(Wire<OrderStatus>.Name(order.Status));
            }

            Cancel(order, Stamp());
            return null;
        }
    }

    /// <summary>Cancels every open order: (order id, HTTP status, order JSON after the cancel).</summary>
    public List<(Guid Id, int Status, byte[] Body)> CancelAll()
    {
        lock (_gate)
        {
            CatchUp();
            return CancelAllLocked();
        }
    }

    public VenueResult<AcceptedOrder> ClosePosition(string symbol, decimal? qty, decimal? percentage)
    {
        lock (_gate)
        {
            CatchUp();
            return ClosePositionLocked(symbol, qty, percentage);
        }
    }

    /// <summary>Closes every position (optionally canceling open orders first): (symbol, HTTP status, order or error JSON).</summary>
    public List<(string Symbol, int Status, byte[] Body)> CloseAll(bool cancelOrders)
    {
        lock (_gate)
        {
            CatchUp();
            if (cancelOrders)
            {
                CancelAllLocked();
            }

            var results = new List<(string, int, byte[])>();
            foreach (var position in _account.Positions.Values.OrderBy(p => p.Symbol.Symbol, StringComparer.Ordinal).ToList())
            {
                var r = ClosePositionLocked(position.Symbol.Symbol, null, null);
                results.Add(r.IsSuccess
                    ? (position.Symbol.Symbol, 200, r.Value!.Json)
                    : (position.Symbol.Symbol, r.Error!.Status, ExchangeJson.Error(r.Error)));
            }

            return results;
        }
    }

    private List<(Guid, int, byte[])> CancelAllLocked()
    {
        var results = new List<(Guid, int, byte[])>();
        var now = Stamp();
        foreach (var o in OpenOrdersSnapshot())
        {
            if (o.IsLeg || !o.IsOpen)
            {
                continue;
            }

            Cancel(o, now);
            results.Add((o.Id, 200, ExchangeJson.Order(o, nested: true)));
        }

        return results;
    }

    private VenueResult<AcceptedOrder> ClosePositionLocked(string symbol, decimal? qty, decimal? percentage)
    {
        var s = FindSymbol(symbol);
        if (s is null || !_account.Positions.TryGetValue(s.Index, out var position))
        {
            return ExchangeError.PositionNotFound;
        }

        if (qty is not null && percentage is not null)
        {
            return ExchangeError.Invalid("only one of qty and percentage may be given");
        }

        var held = Math.Abs(position.Qty);
        if (qty is { } q && (q <= 0 || q > held))
        {
            return ExchangeError.Invalid($"qty must be in (0, {held}]");
        }

        if (percentage is { } pct && (pct <= 0 || pct > 100))
        {
            return ExchangeError.Invalid("percentage must be in (0, 100]");
        }

        var closeQty = qty ?? (percentage is { } p ? decimal.Round(held * p / 100m, 9, MidpointRounding.ToZero) : held);
        if (closeQty <= 0)
        {
            return ExchangeError.Invalid("the quantity to close rounds to zero");
        }

        return SubmitLocked(new OrderRequest
        {
            Symbol = s.Symbol,
            Qty = closeQty,
            Side = position.Qty > 0 ? OrderSide.Sell : OrderSide.Buy,
            Type = OrderType.Market,
            TimeInForce = TimeInForce.Day,
        });
    }

    private VenueResult<AcceptedOrder> SubmitLocked(OrderRequest request)
    {
        if (OrderRequestRules.Check(request) is { } violation)
        {
            return ExchangeError.Invalid(violation.Rule);
        }

        var s = FindSymbol(request.Symbol);
        if (s is null)
        {
            return ExchangeError.UnknownAsset(request.Symbol);
        }

        var fractional = request.Notional is not null || (request.Qty is { } q && q != decimal.Truncate(q));
        if (fractional && !s.Asset.Fractionable)
        {
            return ExchangeError.Invalid($"asset \"{s.Symbol}\" is not fractionable");
        }

        if (fractional && (request.TimeInForce != TimeInForce.Day || (request.OrderClass ?? OrderClass.Simple) != OrderClass.Simple))
        {
            return ExchangeError.Invalid("fractional orders must be simple day orders");
        }

        if (request.ClientOrderId is { } cid && _byClientId.ContainsKey(cid))
        {
            return ExchangeError.DuplicateClientOrderId;
        }

        if (_account.TradingBlocked)
        {
            return ExchangeError.TradingBlocked;
        }

        var phase = Phase;
        if (request.TimeInForce == TimeInForce.Opg && phase == MarketPhase.Regular && !s.AwaitingOpen)
        {
            return ExchangeError.Invalid("opg orders are accepted only before the opening auction");
        }

        if (request.TimeInForce == TimeInForce.Cls && phase == MarketPhase.PostMarket)
        {
            return ExchangeError.Invalid("cls orders are accepted only before the close");
        }

        if (CheckSideAndPower(request, s, fractional) is { } refused)
        {
            return refused;
        }

        return Create(request, s);
    }

    /// <summary>Quantity available to sell or cover, short-selling rules, and buying power.</summary>
    private ExchangeError? CheckSideAndPower(OrderRequest request, Market.SymbolState s, bool fractional)
    {
        var price = EstimatedPrice(s, request.Side, request.LimitPrice ?? request.StopPrice);
        var qty = request.Qty ?? (price > 0 ? request.Notional!.Value / price : 0);
        var position = _account.PositionQty(s.Index);
        var heldSame = 0m;
        foreach (var o in s.WorkingOrders)
        {
            if (o.Side == request.Side && o.Status != OrderStatus.Held && !o.IsLeg)
            {
                heldSame += o.Qty is null ? 0 : o.Remaining;
            }
        }

        var closing = request.Side == OrderSide.Sell ? position > 0 : position < 0;
        if (closing)
        {
            var available = Math.Max(0, Math.Abs(position) - heldSame);
            return qty > available
                ? ExchangeError.InsufficientQuantity(s.Symbol, qty, available, Math.Abs(position), heldSame)
                : null;
        }

        if (request.Side == OrderSide.Sell)
        {
            if (!_account.ShortingEnabled)
            {
                return ExchangeError.ShortingDisabled;
            }

            if (!s.Asset.Shortable || !s.Asset.EasyToBorrow)
            {
                return ExchangeError.NotShortable(s.Symbol);
            }

            if (fractional)
            {
                return ExchangeError.Invalid("fractional orders cannot be sold short");
            }
        }

        var cost = decimal.Round(qty * price, 2);
        var power = AvailableBuyingPower();
        return cost > power ? ExchangeError.InsufficientBuyingPower(power, cost) : null;
    }

    private VenueResult<AcceptedOrder> Create(OrderRequest r, Market.SymbolState s)
    {
        var now = Stamp();
        var cls = r.OrderClass ?? OrderClass.Simple;
        var entry = NewOrder(r.ClientOrderId, s, r.Side, r.Type, r.TimeInForce, cls, now, null, null, r.ExtendedHours == true, r.Notional);
        entry.Qty = r.Qty;
        entry.LimitPrice = cls == OrderClass.Oco ? r.TakeProfit?.LimitPrice ?? r.LimitPrice : r.LimitPrice;
        entry.StopPrice = r.StopPrice;
        entry.TrailPrice = r.TrailPrice;
        entry.TrailPercent = r.TrailPercent;
        var exit = r.Side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy;
        var legSide = cls == OrderClass.Oco ? r.Side : exit;
        if (cls is OrderClass.Bracket or OrderClass.Oto && r.TakeProfit is { } tp)
        {
            var leg = NewOrder(null, s, legSide, OrderType.Limit, r.TimeInForce, cls, now, entry, null);
            leg.Qty = r.Qty;
            leg.LimitPrice = tp.LimitPrice;
            entry.Legs.Add(leg);
        }

        if (cls is OrderClass.Bracket or OrderClass.Oto or OrderClass.Oco && r.StopLoss is { } sl)
        {
            var leg = NewOrder(null, s, legSide, sl.LimitPrice is null ? OrderType.Stop : OrderType.StopLimit, r.TimeInForce, cls, now, entry, null);
            leg.Qty = r.Qty;
            leg.StopPrice = sl.StopPrice;
            leg.LimitPrice = sl.LimitPrice;
            entry.Legs.Add(leg);
        }

        var phase = Phase;
        var active = CanBeActive(entry, phase);
        entry.Status = active ? OrderStatus.New : OrderStatus.Accepted;
        foreach (var leg in entry.Legs)
        {
            // OCO legs work at once beside their parent; bracket and OTO legs wait for the entry to fill.
            leg.Status = cls == OrderClass.Oco ? entry.Status : OrderStatus.Held;
        }

        Register(entry);
        var json = ExchangeJson.Order(entry, nested: true);
        Emit(active ? TradeEvent.New : TradeEvent.PendingNew, entry, now);
        MatchOnArrival(entry, now);
        if (cls == OrderClass.Oco)
        {
            foreach (var leg in entry.Legs.ToArray())
            {
                if (leg.IsWorking)
                {
                    MatchOnArrival(leg, now);
                }
            }
        }

        return VenueResult<AcceptedOrder>.Ok(new AcceptedOrder(entry, json));
    }

    private VenueResult<AcceptedOrder> ReplaceLocked(Guid id, ReplaceOrderRequest r)
    {
        var old = FindOrder(id);
        if (old is null)
        {
            return ExchangeError.OrderNotFound;
        }

        if (!old.IsOpen || old.Status == OrderStatus.Held || (old.Legs.Count > 0 && old.Class != OrderClass.Oco))
        {
            return ExchangeError.NotReplaceable(Wire<OrderStatus>.Name(old.Status));
        }

        if (r.Qty is <= 0 || (r.Qty is { } rq && old.Notional is not null))
        {
            return ExchangeError.Invalid("qty must be > 0 (and notional orders cannot change quantity)");
        }

        if (r.LimitPrice is not null && old.Type is not (OrderType.Limit or OrderType.StopLimit))
        {
            return ExchangeError.Invalid("limit_price applies to limit and stop_limit orders only");
        }

        if (r.StopPrice is not null && old.Type is not (OrderType.Stop or OrderType.StopLimit))
        {
            return ExchangeError.Invalid("stop_price applies to stop and stop_limit orders only");
        }

        if (r.Trail is not null && old.Type != OrderType.TrailingStop)
        {
            return ExchangeError.Invalid("trail applies to trailing_stop orders only");
        }

        if (r.LimitPrice is <= 0 || r.StopPrice is <= 0 || r.Trail is <= 0)
        {
            return ExchangeError.Invalid("prices must be > 0");
        }

        if (r.TimeInForce is { } tif && (tif == TimeInForce.Unknown || (old.IsFractional && tif != TimeInForce.Day)))
        {
            return ExchangeError.Invalid("time_in_force must be one of " + Wire<TimeInForce>.Expected + " (day for fractional orders)");
        }

        if (r.ClientOrderId is { } cid && (cid.Length == 0 || cid.Length > OrderRequestRules.MaxClientOrderIdLength || _byClientId.ContainsKey(cid)))
        {
            return cid.Length is > 0 and <= OrderRequestRules.MaxClientOrderIdLength ? ExchangeError.DuplicateClientOrderId : ExchangeError.Invalid("client_order_id must be 1..128 characters");
        }

        var qty = r.Qty ?? old.Remaining;
        if (old.Side == OrderSide.Buy && _account.PositionQty(old.Symbol.Index) >= 0 && !old.IsLeg)
        {
            var price = EstimatedPrice(old.Symbol, old.Side, r.LimitPrice ?? old.LimitPrice ?? r.StopPrice ?? old.StopPrice);
            var extra = decimal.Round((qty * price) - Reservation(old), 2);
            var power = AvailableBuyingPower();
            if (extra > power)
            {
                return ExchangeError.InsufficientBuyingPower(power, decimal.Round(qty * price, 2));
            }
        }

        var now = Stamp();
        var replacement = NewOrder(r.ClientOrderId, old.Symbol, old.Side, old.Type, r.TimeInForce ?? old.TimeInForce, old.Class, now, old.Parent, old.Id, old.ExtendedHours, old.Notional);
        replacement.Qty = qty;
        replacement.LimitPrice = r.LimitPrice ?? old.LimitPrice;
        replacement.StopPrice = r.StopPrice ?? old.StopPrice;
        replacement.TrailPrice = old.TrailPrice is not null ? r.Trail ?? old.TrailPrice : null;
        replacement.TrailPercent = old.TrailPercent is not null ? r.Trail ?? old.TrailPercent : null;
        replacement.Status = CanBeActive(replacement, Phase) ? OrderStatus.New : OrderStatus.Accepted;
        old.Status = OrderStatus.Replaced;
        old.ReplacedAt = now;
        old.ReplacedBy = replacement.Id;
        old.UpdatedAt = now;
        old.Symbol.WorkingOrders.Remove(old);
        if (old.Parent is { } parent)
        {
            parent.Legs[parent.Legs.IndexOf(old)] = replacement;
        }

        MarkOrder(old);
        Register(replacement);
        var json = ExchangeJson.Order(replacement, nested: true);
        Emit(TradeEvent.Replaced, old, now);
        Emit(replacement.Status == OrderStatus.New ? TradeEvent.New : TradeEvent.PendingNew, replacement, now);
        MatchOnArrival(replacement, now);
        return VenueResult<AcceptedOrder>.Ok(new AcceptedOrder(replacement, json));
    }

    private static bool CanBeActive(ExchangeOrder order, MarketPhase phase) => phase switch
    {
        MarketPhase.Regular => true,
        MarketPhase.PreMarket or MarketPhase.PostMarket => order.ExtendedHours,
        _ => false,
    };

    private ExchangeOrder NewOrder(string? clientOrderId, Market.SymbolState s, OrderSide side, OrderType type, TimeInForce tif, OrderClass cls, DateTimeOffset now, ExchangeOrder? parent, Guid? replaces, bool extendedHours = false, decimal? notional = null)
    {
        var id = _ids.NewId();
        return new ExchangeOrder
        {
            Id = id,
            ClientOrderId = clientOrderId ?? _ids.NewId().ToString("D"),
            Symbol = s,
            Side = side,
            Type = type,
            TimeInForce = tif,
            Class = cls,
            CreatedAt = now,
            UpdatedAt = now,
            SubmittedAt = now,
            Parent = parent,
            Replaces = replaces,
            ExtendedHours = extendedHours,
            Notional = notional,
            Sequence = ++_sequence,
        };
    }

    private void Register(ExchangeOrder order)
    {
        _orders[order.Id] = order;
        _byClientId[order.ClientOrderId] = order;
        _orderLog.Add(order);
        order.Symbol.WorkingOrders.Add(order);
        MarkOrder(order);
        foreach (var leg in order.Legs)
        {
            Register(leg);
        }
    }
}
