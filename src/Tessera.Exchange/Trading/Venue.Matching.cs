using Tessera.Alpaca.Model;
using Tessera.Exchange.Json;
using Tessera.Exchange.Market;

namespace Tessera.Exchange.Trading;

/// <summary>
/// Matching (docs/BROKER.md, "Matching"). Marketable orders take the quote in force (ask for buys, bid for sells) up
/// to the size left at that touch, with slippage; resting limits fill when a print reaches their price, at the limit,
/// up to the print's size times the participation rate, shared in time priority; stops trigger on a print through
/// the stop and then act as market (stop) or limit (stop-limit) orders. The first regular print of a session is the
/// opening auction: orders waiting for it (market, on-open, crossing limits, gapped stops) fill in full at that price.
/// </summary>
public sealed partial class Venue
{
    private void OnPrint(SymbolState s, double price, double size, long ts, bool opening)
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(ts);
        var phase = Phase;
        var buyLiquidity = size * _options.Participation;
        var sellLiquidity = buyLiquidity;
        var p = (decimal)price;
        foreach (var order in s.WorkingOrders.ToArray())
        {
            if (!order.IsWorking || !CanTrade(order, phase, opening))
            {
                continue;
            }

            if (order.Type == OrderType.TrailingStop)
            {
                Trail(order, p);
            }

            var justTriggered = false;
            if (order.AwaitsTrigger)
            {
                if (!Triggers(order, p))
                {
                    continue;
                }

                order.Triggered = true;
                justTriggered = true;
                MarkOrder(order);
            }

            if (opening)
            {
                var limit = order.EffectiveLimit;
                if (limit is null || Crosses(order.Side, p, limit.Value))
                {
                    AuctionFill(order, p, now);
                }

                continue;
            }

            if (order.ActsAsMarket)
            {
                FillAtTouch(order, s, now, null);
                continue;
            }

            // A resting limit fills at its limit when a print reaches it, never at a better price the synthesized
            // quote would suggest: it was the best bid (offer) while the market traded through it.
            var l = order.EffectiveLimit!.Value;
            if (justTriggered && FillAtTouch(order, s, now, l))
            {
                // A stop-limit that just fired meets the market as a new limit order would.
                continue;
            }

            if (!Crosses(order.Side, p, l))
            {
                continue;
            }

            var buy = order.Side == OrderSide.Buy;
            var available = buy ? buyLiquidity : sellLiquidity;
            var take = Take(order, available, l);
            if (take > 0)
            {
                Fill(order, take, l, now);
                if (buy)
                {
                    buyLiquidity -= (double)take;
                }
                else
                {
                    sellLiquidity -= (double)take;
                }
            }
        }

        if (opening)
        {
            // On-open orders live for the opening auction only.
            foreach (var order in s.WorkingOrders.ToArray())
            {
                if (order.TimeInForce == TimeInForce.Opg && order.IsOpen)
                {
                    Expire(order, now);
                }
            }
        }
    }

    /// <summary>A new quote from the data: marketable working orders take it.</summary>
    private void OnQuote(SymbolState s, DateTimeOffset now)
    {
        var phase = Phase;
        foreach (var order in s.WorkingOrders.ToArray())
        {
            if (!order.IsWorking || !CanTrade(order, phase, opening: false) || order.AwaitsTrigger || order.TimeInForce is TimeInForce.Opg or TimeInForce.Cls || s.AwaitingOpen && phase == MarketPhase.Regular)
            {
                continue;
            }

            FillAtTouch(order, s, now, order.ActsAsMarket ? null : order.EffectiveLimit, resting: true);
        }
    }

    /// <summary>An order just accepted (or activated) meets the market as it stands.</summary>
    private void MatchOnArrival(ExchangeOrder order, DateTimeOffset now)
    {
        var s = order.Symbol;
        var phase = Phase;
        var immediate = order.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok;
        var canTrade = order.IsWorking && CanTrade(order, phase, opening: false) && order.TimeInForce is not (TimeInForce.Opg or TimeInForce.Cls)
            && !(phase == MarketPhase.Regular && s.AwaitingOpen);
        if (canTrade && order.AwaitsTrigger && s.HasTrade)
        {
            if (order.Type == OrderType.TrailingStop)
            {
                Trail(order, s.LastPriceDecimal);
            }

            if (Triggers(order, s.LastPriceDecimal))
            {
                order.Triggered = true;
            }
        }

        if (canTrade && !order.AwaitsTrigger)
        {
            var limit = order.ActsAsMarket ? (decimal?)null : order.EffectiveLimit;
            if (order.TimeInForce == TimeInForce.Fok && TouchAvailable(order, s, limit) < order.Remaining)
            {
                Cancel(order, now);
                return;
            }

            FillAtTouch(order, s, now, limit);
        }

        if (immediate && order.IsOpen)
        {
            // Immediate-or-cancel: what could not fill now is canceled (FOK never reaches here partially filled).
            Cancel(order, now);
        }
    }

    private static bool CanTrade(ExchangeOrder order, MarketPhase phase, bool opening) => phase switch
    {
        MarketPhase.Regular => order.TimeInForce switch
        {
            TimeInForce.Opg => opening,
            TimeInForce.Cls => false,
            _ => true,
        },
        MarketPhase.PreMarket or MarketPhase.PostMarket => order.ExtendedHours,
        _ => false,
    };

    private static bool Crosses(OrderSide side, decimal price, decimal limit) => side == OrderSide.Buy ? price <= limit : price >= limit;

    private static bool Triggers(ExchangeOrder order, decimal price) =>
        order.StopPrice is { } stop && (order.Side == OrderSide.Buy ? price >= stop : price <= stop);

    /// <summary>A trailing stop follows the best price since it was placed (hwm) and keeps its distance.</summary>
    private void Trail(ExchangeOrder order, decimal price)
    {
        var sell = order.Side == OrderSide.Sell;
        if (order.Hwm is null || (sell ? price > order.Hwm : price < order.Hwm))
        {
            order.Hwm = price;
            var distance = order.TrailPrice ?? (price * order.TrailPercent!.Value / 100m);
            order.StopPrice = decimal.Round(sell ? price - distance : price + distance, 4);
            MarkOrder(order);
        }
    }

    /// <summary>Size available at the touch for this order at an acceptable price.</summary>
    private static decimal TouchAvailable(ExchangeOrder order, SymbolState s, decimal? limit)
    {
        if (!s.HasQuote)
        {
            return 0;
        }

        var buy = order.Side == OrderSide.Buy;
        var px = (decimal)(buy ? s.Ask : s.Bid);
        if (px <= 0 || (limit is { } l && !Crosses(order.Side, px, l)))
        {
            return 0;
        }

        return (decimal)(buy ? s.AskAvailable : s.BidAvailable);
    }

    /// <summary>Takes the touch. A resting limit (not just arrived) gets its limit price. Returns true when something filled.</summary>
    private bool FillAtTouch(ExchangeOrder order, SymbolState s, DateTimeOffset now, decimal? limit, bool resting = false)
    {
        if (!s.HasQuote)
        {
            return false;
        }

        var buy = order.Side == OrderSide.Buy;
        var px = (decimal)(buy ? s.Ask : s.Bid);
        if (px <= 0 || (limit is { } l && !Crosses(order.Side, px, l)))
        {
            return false;
        }

        var exec = resting && limit is { } own ? own : _options.Costs.Slip(px, buy);
        if (limit is { } cap)
        {
            exec = buy ? Math.Min(exec, cap) : Math.Max(exec, cap);
        }

        var take = Take(order, buy ? s.AskAvailable : s.BidAvailable, exec);
        if (take <= 0)
        {
            return false;
        }

        Fill(order, take, exec, now);
        if (buy)
        {
            s.AskAvailable -= (double)take;
        }
        else
        {
            s.BidAvailable -= (double)take;
        }

        return true;
    }

    /// <summary>The opening (or closing) auction: the whole remaining quantity at the auction price.</summary>
    private void AuctionFill(ExchangeOrder order, decimal price, DateTimeOffset now)
    {
        var take = order.Qty is null ? NotionalQty(order, price) : order.Remaining;
        if (take > 0)
        {
            Fill(order, take, price, now);
        }
    }

    /// <summary>How much of <paramref name="available"/> the order takes: whole shares unless the order is fractional.</summary>
    private static decimal Take(ExchangeOrder order, double available, decimal price)
    {
        if (order.Qty is null)
        {
            // Notional orders fill in one execution for the whole amount.
            return available > 0 ? NotionalQty(order, price) : 0;
        }

        if (available <= 0)
        {
            return 0;
        }

        var cap = order.IsFractional ? decimal.Round((decimal)available, 9, MidpointRounding.ToZero) : Math.Floor((decimal)available);
        return Math.Min(order.Remaining, cap);
    }

    private static decimal NotionalQty(ExchangeOrder order, decimal price) =>
        price <= 0 ? 0 : decimal.Round(order.Notional!.Value / price, 9, MidpointRounding.ToZero);

    private void Fill(ExchangeOrder order, decimal qty, decimal price, DateTimeOffset now)
    {
        price = decimal.Round(price, 4);
        order.Qty ??= qty;
        order.FilledQty += qty;
        order.FilledValue += qty * price;
        order.UpdatedAt = now;
        var full = order.Remaining <= 0;
        order.Status = full ? OrderStatus.Filled : OrderStatus.PartiallyFilled;
        if (full)
        {
            order.FilledAt = now;
            order.Symbol.WorkingOrders.Remove(order);
        }

        var s = order.Symbol;
        var buy = order.Side == OrderSide.Buy;
        if (!_account.Positions.TryGetValue(s.Index, out var position))
        {
            position = new ExchangePosition(s);
            _account.Positions[s.Index] = position;
        }

        position.Apply(buy, qty, price);
        _account.Cash += buy ? -(qty * price) : qty * price;
        if (position.Qty == 0)
        {
            _account.Positions.Remove(s.Index);
        }

        var executionId = _ids.NewId();
        AddActivity(new Activity
        {
            Id = ActivityId(now, executionId),
            Type = ActivityType.Fill,
            Time = now,
            Symbol = s.Symbol,
            FillType = full ? "fill" : "partial_fill",
            Price = price,
            Qty = qty,
            Side = order.Side,
            LeavesQty = order.Remaining,
            CumQty = order.FilledQty,
            OrderId = order.Id,
            OrderStatus = order.Status,
        });
        var fees = _options.Costs.Commission(qty) + _options.Costs.RegulatoryFees(!buy, qty, price);
        if (fees > 0)
        {
            _account.Cash -= fees;
            AddActivity(new Activity
            {
                Id = ActivityId(now, _ids.NewId()),
                Type = ActivityType.Fee,
                Time = now,
                Symbol = s.Symbol,
                Qty = qty,
                Side = order.Side,
                OrderId = order.Id,
                NetAmount = -fees,
                Description = "REG/TAF/commission fees",
            });
        }

        MarkOrder(order);
        MarkPosition(s.Index);
        Emit(full ? TradeEvent.Fill : TradeEvent.PartialFill, order, now, executionId, price, qty, _account.PositionQty(s.Index));
        if (full)
        {
            OnFilled(order, now);
        }
    }

    /// <summary>A filled order releases its children (bracket, OTO) or cancels its one-cancels-other partners.</summary>
    private void OnFilled(ExchangeOrder order, DateTimeOffset now)
    {
        if (order.Class == OrderClass.Oco)
        {
            foreach (var other in OcoPartners(order))
            {
                Cancel(other, now);
            }

            return;
        }

        if (!order.IsLeg && order.Legs.Count > 0)
        {
            foreach (var leg in order.Legs.ToArray())
            {
                if (leg.Status != OrderStatus.Held)
                {
                    continue;
                }

                leg.Status = OrderStatus.New;
                leg.UpdatedAt = now;
                MarkOrder(leg);
                Emit(TradeEvent.New, leg, now);
                MatchOnArrival(leg, now);
            }

            return;
        }

        if (order.IsLeg && order.Class == OrderClass.Bracket)
        {
            foreach (var sibling in order.Parent!.Legs.ToArray())
            {
                if (sibling != order && sibling.IsOpen)
                {
                    Cancel(sibling, now);
                }
            }
        }
    }

    private static IEnumerable<ExchangeOrder> OcoPartners(ExchangeOrder order)
    {
        var root = order.Parent ?? order;
        if (root != order && root.IsOpen)
        {
            yield return root;
        }

        foreach (var leg in root.Legs)
        {
            if (leg != order && leg.IsOpen)
            {
                yield return leg;
            }
        }
    }

    private void Cancel(ExchangeOrder order, DateTimeOffset now) => Finish(order, OrderStatus.Canceled, TradeEvent.Canceled, now);

    private void Expire(ExchangeOrder order, DateTimeOffset now) => Finish(order, OrderStatus.Expired, TradeEvent.Expired, now);

    private void Finish(ExchangeOrder order, OrderStatus status, TradeEvent ev, DateTimeOffset now)
    {
        if (!order.IsOpen)
        {
            return;
        }

        order.Status = status;
        order.UpdatedAt = now;
        if (status == OrderStatus.Canceled)
        {
            order.CanceledAt = now;
        }
        else
        {
            order.ExpiredAt = now;
        }

        order.Symbol.WorkingOrders.Remove(order);
        MarkOrder(order);
        Emit(ev, order, now);
        foreach (var leg in order.Legs.ToArray())
        {
            // Children die with an unfilled parent; after a fill they live on their own.
            if (leg.Status == OrderStatus.Held || order.FilledQty == 0)
            {
                Finish(leg, status, ev, now);
            }
        }
    }

    private void AddActivity(Activity activity)
    {
        _activities.Add(activity);
        _dirty.Activities.Add(activity);
    }

    /// <summary>Alpaca's activity id shape: a compact timestamp, "::", a UUID.</summary>
    private static string ActivityId(DateTimeOffset at, Guid id) =>
        at.UtcDateTime.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture) + "::" + id.ToString("D");

    private void Emit(TradeEvent ev, ExchangeOrder order, DateTimeOffset at, Guid? executionId = null, decimal? price = null, decimal? qty = null, decimal? positionQty = null)
    {
        if (TradeUpdates is not { } sink)
        {
            return;
        }

        sink.Publish(ExchangeJson.TradeUpdateFrame(ev, order, at, executionId, price, qty, positionQty));
    }

    /// <summary>Buying power left after what open orders reserve (their remaining cost basis).</summary>
    internal decimal AvailableBuyingPower()
    {
        var reserved = 0m;
        foreach (var s in _symbols)
        {
            foreach (var o in s.WorkingOrders)
            {
                reserved += Reservation(o);
            }
        }

        return Math.Max(0, _account.GrossBuyingPower - reserved);
    }

    private decimal Reservation(ExchangeOrder o)
    {
        if (o.IsLeg || o.Status == OrderStatus.Held)
        {
            return 0;
        }

        if (o.Side == OrderSide.Sell && _account.PositionQty(o.Symbol.Index) > 0)
        {
            return 0;
        }

        var qty = o.Qty is null ? 0 : o.Remaining;
        return o.Qty is null ? o.Notional ?? 0 : qty * EstimatedPrice(o.Symbol, o.Side, o.LimitPrice ?? o.StopPrice);
    }

    /// <summary>The price a cost basis is computed at: the order's limit (or stop), else the touch, else the last print.</summary>
    private static decimal EstimatedPrice(SymbolState s, OrderSide side, decimal? orderPrice)
    {
        if (orderPrice is { } p)
        {
            return p;
        }

        if (s.HasQuote)
        {
            var px = side == OrderSide.Buy ? s.Ask : s.Bid;
            if (px > 0)
            {
                return (decimal)px;
            }
        }

        return s.HasTrade ? s.LastPriceDecimal : (!double.IsNaN(s.PreviousClose) ? (decimal)s.PreviousClose : 0m);
    }
}
