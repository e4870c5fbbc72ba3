using Tessera.Alpaca.Model;
using Tessera.Exchange.Market;
using Tessera.Exchange.Tests.Support;
using Tessera.Exchange.Trading;
using Xunit;
using static Tessera.Exchange.Tests.Support.VenueScript;

namespace Tessera.Exchange.Tests.Trading;

/// <summary>
/// Matching pinned on hand-worked cases. Quotes come from the documented spread model: SPY around $100 has a one-tick
/// spread; a print on an uptick (or the first print) is at the ask, a downtick at the bid; each side shows the print's
/// size, at least 100. Costs are off unless a case says otherwise.
/// </summary>
public sealed class MatchingTests
{
    private static MarketTape OneDay() => TestTapes.OneDay();

    private static MarketTape TwoDays() => TestTapes.TwoDays();

    [Fact]
    public void A_limit_that_crosses_fills_at_the_ask_not_at_its_limit()
    {
        var s = new VenueScript(OneDay(), "2013-10-07 09:00").At("2013-10-07 10:00:30");
        var o = s.Submit(Buy(50, OrderType.Limit, limit: 100.05m));
        Assert.Equal(OrderStatus.Filled, o.Status);
        Assert.Equal(100.00m, o.AverageFillPrice);
        Assert.Equal(95_000m, s.Read(v => v.Account.Cash));
        Assert.Equal(["new", "fill"], s.Updates.EventsOf(o.Id));
    }

    [Fact]
    public void A_resting_limit_fills_partially_against_the_tape_volume_then_expires_at_the_close()
    {
        var s = new VenueScript(OneDay(), "2013-10-07 09:00").At("2013-10-07 10:00:30");
        var o = s.Submit(Buy(300, OrderType.Limit, limit: 99.90m));
        s.At("2013-10-07 10:05");
        // 99.95 does not reach the limit; 99.90 x 200 fills 200; 99.85 x 50 fills 50, at the limit (the order was the best bid).
        Assert.Equal(OrderStatus.PartiallyFilled, o.Status);
        Assert.Equal(250m, o.FilledQty);
        Assert.Equal(99.90m, o.AverageFillPrice);
        var fills = s.Updates.All.Where(u => u.Event == "partial_fill").Select(u => (u.Qty, u.Price)).ToList();
        Assert.Equal([(200m, 99.90m), (50m, 99.90m)], fills);
        s.At("2013-10-07 16:00:01");
        Assert.Equal(OrderStatus.Expired, o.Status);
        Assert.Equal(["new", "partial_fill", "partial_fill", "expired"], s.Updates.EventsOf(o.Id));
        Assert.Equal(2, s.Read(v => v.Activities.Count(a => a.Type == ActivityType.Fill)));
    }

    [Fact]
    public void An_IOC_limit_below_the_ask_is_canceled_unfilled_at_once()
    {
        var s = new VenueScript(OneDay(), "2013-10-07 09:00").At("2013-10-07 10:00:30");
        var o = s.Submit(Buy(100, OrderType.Limit, TimeInForce.Ioc, limit: 99.00m));
        Assert.Equal(OrderStatus.Canceled, o.Status);
        Assert.Equal(0m, o.FilledQty);
        Assert.Equal(["new", "canceled"], s.Updates.EventsOf(o.Id));
        Assert.Equal(100_000m, s.Read(v => v.Account.Cash));
    }

    [Fact]
    public void An_IOC_takes_what_the_touch_offers_and_cancels_the_rest()
    {
        var s = new VenueScript(OneDay(), "2013-10-07 09:00").At("2013-10-07 10:00:30");
        var o = s.Submit(Buy(250, OrderType.Limit, TimeInForce.Ioc, limit: 100.00m));
        Assert.Equal((OrderStatus.Canceled, 100m), (o.Status, o.FilledQty));
        Assert.Equal(["new", "partial_fill", "canceled"], s.Updates.EventsOf(o.Id));
    }

    [Fact]
    public void A_FOK_larger_than_the_touch_is_canceled_whole_and_a_smaller_one_fills()
    {
        var s = new VenueScript(OneDay(), "2013-10-07 09:00").At("2013-10-07 10:00:30");
        var big = s.Submit(Buy(150, OrderType.Limit, TimeInForce.Fok, limit: 100.05m));
        Assert.Equal((OrderStatus.Canceled, 0m), (big.Status, big.FilledQty));
        var small = s.Submit(Buy(80, OrderType.Limit, TimeInForce.Fok, limit: 100.05m));
        Assert.Equal((OrderStatus.Filled, 80m), (small.Status, small.FilledQty));
    }

    [Fact]
    public void A_stop_gapped_through_at_the_open_fills_at_the_opening_price()
    {
        var s = new VenueScript(TwoDays(), "2013-10-07 09:00").At("2013-10-07 10:00:30");
        s.Submit(Buy(100));
        var stop = s.Submit(Sell(100, OrderType.Stop, TimeInForce.Gtc, stop: 95m));
        s.At("2013-10-08 10:00");
        // Closed at 101, opened at 90: the stop at 95 never traded; it fills at the auction price 90.
        Assert.Equal(OrderStatus.Filled, stop.Status);
        Assert.Equal(90.00m, stop.AverageFillPrice);
        Assert.Equal(100_000m - 10_000m + 9_000m, s.Read(v => v.Account.Cash));
        Assert.Empty(s.Read(v => v.Account.Positions));
    }

    [Fact]
    public void Buying_power_is_refused_with_Alpacas_403_body_and_nothing_changes()
    {
        var s = new VenueScript(OneDay(), "2013-10-07 09:00", new VenueOptions { Costs = CostModel.Free, Multiplier = 1, StartingCash = 10_000m }).At("2013-10-07 10:00:30");
        var r = s.Venue.Submit(Buy(200, OrderType.Limit, limit: 100m) with { ClientOrderId = "bp-1" });
        Assert.False(r.IsSuccess);
        Assert.Equal((403, 40310000, "insufficient buying power"), (r.Error!.Status, r.Error.Code!.Value, r.Error.Message));
        Assert.Equal([new("buying_power", "10000"), new("cost_basis", "20000")], r.Error.Extra);
        Assert.Empty(s.Read(v => v.Orders));
        Assert.Empty(s.Updates.All);
        // The refused client_order_id was not taken.
        Assert.Equal(OrderStatus.Filled, s.Submit(Buy(50, OrderType.Limit, limit: 100m) with { ClientOrderId = "bp-1" }).Status);
    }

    [Fact]
    public void A_market_order_sent_before_the_open_waits_and_fills_at_the_opening_print()
    {
        var s = new VenueScript(OneDay(), "2013-10-07 09:00");
        var o = s.Submit(Buy(10));
        Assert.Equal(OrderStatus.Accepted, o.Status);
        s.At("2013-10-07 09:45");
        Assert.Equal((OrderStatus.Filled, 100.00m), (o.Status, o.AverageFillPrice!.Value));
        Assert.Equal(["pending_new", "new", "fill"], s.Updates.EventsOf(o.Id));
    }

    [Fact]
    public void A_stop_limit_that_fires_takes_the_bid_within_its_limit()
    {
        var s = new VenueScript(OneDay(), "2013-10-07 09:00").At("2013-10-07 10:00:30");
        s.Submit(Buy(100));
        var o = s.Submit(Sell(100, OrderType.StopLimit, limit: 99.88m, stop: 99.92m));
        s.At("2013-10-07 10:05");
        // 99.95 is above the stop; 99.90 fires it and the new limit sells at the bid 99.90 (above its 99.88 limit).
        Assert.Equal((OrderStatus.Filled, 99.90m), (o.Status, o.AverageFillPrice!.Value));
    }

    [Fact]
    public void A_trailing_stop_follows_the_high_and_fires_on_the_pullback()
    {
        var s = new VenueScript(OneDay(), "2013-10-07 09:00").At("2013-10-07 10:00:30");
        s.Submit(Buy(100));
        var o = s.Submit(new OrderRequest { Symbol = "SPY", Qty = 100, Side = OrderSide.Sell, Type = OrderType.TrailingStop, TimeInForce = TimeInForce.Day, TrailPrice = 0.12m });
        Assert.Equal((100.00m, 99.88m), (o.Hwm!.Value, o.StopPrice!.Value));
        s.At("2013-10-07 10:05");
        Assert.Equal((OrderStatus.Filled, 99.85m), (o.Status, o.AverageFillPrice!.Value));
    }

    [Fact]
    public void A_bracket_releases_its_legs_on_the_entry_fill_and_the_stop_cancels_the_target()
    {
        var s = new VenueScript(OneDay(), "2013-10-07 09:00").At("2013-10-07 10:00:30");
        var entry = s.Submit(Buy(100, OrderType.Limit, limit: 100.05m) with { OrderClass = OrderClass.Bracket, TakeProfit = new TakeProfit(100.08m), StopLoss = new StopLoss(99.88m) });
        var (tp, sl) = (entry.Legs[0], entry.Legs[1]);
        Assert.Equal((OrderStatus.Filled, OrderStatus.New, OrderStatus.New), (entry.Status, tp.Status, sl.Status));
        s.At("2013-10-07 10:05");
        Assert.Equal((OrderStatus.Filled, 99.85m), (sl.Status, sl.AverageFillPrice!.Value));
        Assert.Equal(OrderStatus.Canceled, tp.Status);
        Assert.Equal(["new", "canceled"], s.Updates.EventsOf(tp.Id));
        Assert.Empty(s.Read(v => v.Account.Positions));
    }

    [Fact]
    public void Bracket_legs_are_held_until_the_entry_fills()
    {
        var s = new VenueScript(OneDay(), "2013-10-07 09:00").At("2013-10-07 10:00:30");
        var entry = s.Submit(Buy(100, OrderType.Limit, limit: 99.00m) with { OrderClass = OrderClass.Bracket, TakeProfit = new TakeProfit(101m), StopLoss = new StopLoss(98m) });
        Assert.All(entry.Legs, l => Assert.Equal(OrderStatus.Held, l.Status));
        s.At("2013-10-07 16:00:01");
        Assert.Equal(OrderStatus.Expired, entry.Status);
        Assert.All(entry.Legs, l => Assert.False(l.IsOpen));
    }

    [Fact]
    public void An_OCO_exit_cancels_the_target_when_the_stop_fires()
    {
        var s = new VenueScript(OneDay(), "2013-10-07 09:00").At("2013-10-07 10:00:30");
        s.Submit(Buy(100));
        var oco = s.Submit(new OrderRequest { Symbol = "SPY", Qty = 100, Side = OrderSide.Sell, Type = OrderType.Limit, TimeInForce = TimeInForce.Gtc, OrderClass = OrderClass.Oco, TakeProfit = new TakeProfit(100.08m), StopLoss = new StopLoss(99.92m) });
        Assert.Equal(100.08m, oco.LimitPrice);
        s.At("2013-10-07 10:05");
        Assert.Equal((OrderStatus.Canceled, OrderStatus.Filled), (oco.Status, oco.Legs[0].Status));
        Assert.Equal(99.90m, oco.Legs[0].AverageFillPrice);
    }

    [Fact]
    public void An_OTO_releases_its_single_leg()
    {
        var s = new VenueScript(OneDay(), "2013-10-07 09:00").At("2013-10-07 10:00:30");
        var entry = s.Submit(Buy(100) with { OrderClass = OrderClass.Oto, StopLoss = new StopLoss(99.92m) });
        var leg = Assert.Single(entry.Legs);
        s.At("2013-10-07 10:05");
        Assert.Equal((OrderStatus.Filled, 99.90m), (leg.Status, leg.AverageFillPrice!.Value));
    }

    [Fact]
    public void Short_sale_rules_are_enforced_before_anything_changes()
    {
        var s = new VenueScript(OneDay(), "2013-10-07 09:00", new VenueOptions { Costs = CostModel.Free, NotShortable = ["SPY"] }).At("2013-10-07 10:00:30");
        Assert.Equal((403, "asset \"SPY\" cannot be sold short"), Refusal(s, Sell(10)));
        s.Submit(Buy(100));
        var insufficient = s.Venue.Submit(Sell(150)).Error!;
        Assert.Equal((403, "insufficient qty available for order (requested: 150, available: 100)"), (insufficient.Status, insufficient.Message));
        Assert.Contains(new KeyValuePair<string, string>("held_for_orders", "0"), insufficient.Extra!);

        var cash = new VenueScript(OneDay(), "2013-10-07 09:00", new VenueOptions { Costs = CostModel.Free, Multiplier = 1 }).At("2013-10-07 10:00:30");
        Assert.Equal((403, "account is not allowed to short"), Refusal(cash, Sell(10)));
        var margin = new VenueScript(OneDay(), "2013-10-07 09:00").At("2013-10-07 10:00:30");
        Assert.Equal((422, "fractional orders cannot be sold short"), Refusal(margin, Sell(0.5m)));
        var shortSale = margin.Submit(Sell(10));
        Assert.Equal((OrderStatus.Filled, 99.99m), (shortSale.Status, shortSale.AverageFillPrice!.Value));
        Assert.Equal(-10m, margin.Read(v => v.Account.PositionQty(0)));
        Assert.True(margin.Read(v => v.Account.ShortMarketValue) < 0);
    }

    [Fact]
    public void Equity_is_marked_to_the_tape_and_last_equity_is_the_previous_close()
    {
        var s = new VenueScript(TwoDays(), "2013-10-07 09:00").At("2013-10-07 10:00:30");
        s.Submit(Buy(100));
        s.At("2013-10-07 15:59:30");
        Assert.Equal((100_100m, 100_000m), s.Read(v => (v.Account.Equity, v.Account.LastEquity)));
        s.At("2013-10-08 09:00");
        Assert.Equal(100_100m, s.Read(v => v.Account.LastEquity));
        s.At("2013-10-08 10:00");
        Assert.Equal(90_000m + (100 * 90.50m), s.Read(v => v.Account.Equity));
    }

    [Fact]
    public void Replacing_an_order_makes_a_new_one_and_marks_the_old_replaced()
    {
        var s = new VenueScript(OneDay(), "2013-10-07 09:00").At("2013-10-07 10:00:30");
        var old = s.Submit(Buy(10, OrderType.Limit, limit: 99.00m));
        var r = s.Venue.Replace(old.Id, new ReplaceOrderRequest { LimitPrice = 100.05m });
        Assert.True(r.IsSuccess, r.Error?.Message);
        var replacement = r.Value!.Order;
        Assert.Equal((OrderStatus.Replaced, replacement.Id), (old.Status, old.ReplacedBy!.Value));
        Assert.Equal((old.Id, OrderStatus.Filled), (replacement.Replaces!.Value, replacement.Status));
        Assert.Equal(["new", "replaced"], s.Updates.EventsOf(old.Id));
    }

    [Fact]
    public void Extended_hours_limits_trade_before_the_open_and_regular_ones_wait()
    {
        var tape = Tapes.Prints("SPY", ("2013-10-07 08:00:00.000", 100.20, 100), ("2013-10-07 09:30:00.000", 100.00, 500));
        var s = new VenueScript(tape, "2013-10-07 07:59").At("2013-10-07 08:00:30");
        var ext = s.Submit(Buy(10, OrderType.Limit, limit: 100.30m) with { ExtendedHours = true });
        var regular = s.Submit(Buy(10, OrderType.Limit, limit: 100.30m));
        Assert.Equal((OrderStatus.Filled, 100.20m), (ext.Status, ext.AverageFillPrice!.Value));
        Assert.Equal(OrderStatus.Accepted, regular.Status);
        s.At("2013-10-07 09:31");
        Assert.Equal((OrderStatus.Filled, 100.00m), (regular.Status, regular.AverageFillPrice!.Value));
    }

    [Fact]
    public void A_notional_order_buys_a_fractional_quantity()
    {
        var s = new VenueScript(OneDay(), "2013-10-07 09:00").At("2013-10-07 10:01:30");
        // Last print 99.95 on a downtick: ask 99.96. 1000 / 99.96 = 10.004001600 (nine decimals, truncated).
        var o = s.Submit(new OrderRequest { Symbol = "SPY", Notional = 1000m, Side = OrderSide.Buy, Type = OrderType.Market, TimeInForce = TimeInForce.Day });
        Assert.Equal((OrderStatus.Filled, 10.004001600m, 99.96m), (o.Status, o.FilledQty, o.AverageFillPrice!.Value));
    }

    [Fact]
    public void On_open_and_on_close_orders_execute_in_the_auctions()
    {
        var s = new VenueScript(OneDay(), "2013-10-07 09:00");
        var opg = s.Submit(Buy(10, tif: TimeInForce.Opg));
        var opgLimit = s.Submit(Buy(10, OrderType.Limit, TimeInForce.Opg, limit: 99.00m));
        s.At("2013-10-07 09:45");
        Assert.Equal((OrderStatus.Filled, 100.00m), (opg.Status, opg.AverageFillPrice!.Value));
        Assert.Equal(OrderStatus.Expired, opgLimit.Status);
        Assert.Equal(422, s.Venue.Submit(Buy(1, tif: TimeInForce.Opg)).Error!.Status);
        var cls = s.Submit(Buy(10, tif: TimeInForce.Cls));
        s.At("2013-10-07 15:59:30");
        Assert.Equal(OrderStatus.New, cls.Status);
        s.At("2013-10-07 16:00:01");
        Assert.Equal((OrderStatus.Filled, 101.00m), (cls.Status, cls.AverageFillPrice!.Value));
    }

    [Fact]
    public void Fees_and_slippage_follow_the_cost_model()
    {
        var costs = new CostModel { SlippageBps = 10, CommissionPerShare = 0.005m, CommissionMinimum = 1m, SecFeePerMillion = 27.80m, TafPerShare = 0.000166m, TafMaximum = 8.30m };
        var s = new VenueScript(OneDay(), "2013-10-07 09:00", new VenueOptions { Costs = costs }).At("2013-10-07 10:00:30");
        var buy = s.Submit(Buy(100));
        // Ask 100.00 + 10 bps = 100.10; commission max(1, 100 x 0.005) = 1.
        Assert.Equal(100.10m, buy.AverageFillPrice);
        Assert.Equal(100_000m - 10_010m - 1m, s.Read(v => v.Account.Cash));
        var sell = s.Submit(Sell(100));
        // Bid 99.99 - 10 bps = 99.89 (4 decimals: 99.889999 -> 99.89); SEC fee ceil(9989 x 27.80e-6 = 0.2777) = 0.28; TAF ceil(0.0166) = 0.02; commission 1.
        Assert.Equal(99.89m, decimal.Round(sell.AverageFillPrice!.Value, 2));
        var fees = s.Read(v => v.Activities.Where(a => a.Type == ActivityType.Fee).Select(a => a.NetAmount).ToList());
        Assert.Equal([-1m, -1.30m], fees);
    }

    [Fact]
    public void Canceling_follows_Alpacas_answers()
    {
        var s = new VenueScript(OneDay(), "2013-10-07 09:00").At("2013-10-07 10:00:30");
        var filled = s.Submit(Buy(1));
        Assert.Equal(422, s.Venue.Cancel(filled.Id)!.Status);
        Assert.Equal(404, s.Venue.Cancel(Guid.NewGuid())!.Status);
        var open = s.Submit(Buy(1, OrderType.Limit, TimeInForce.Gtc, limit: 90m));
        Assert.Null(s.Venue.Cancel(open.Id));
        Assert.Equal(OrderStatus.Canceled, open.Status);
    }

    [Fact]
    public void The_same_seed_and_inputs_give_the_same_orders_and_ids()
    {
        static string Run(ulong seed)
        {
            var s = new VenueScript(OneDay(), "2013-10-07 09:00", new VenueOptions { Seed = seed, Costs = CostModel.Free }).At("2013-10-07 10:00:30");
            s.Submit(Buy(100, OrderType.Limit, limit: 99.90m));
            s.Submit(Buy(20));
            s.At("2013-10-07 16:30");
            return string.Join('\n', s.Read(v => v.Orders.Select(o => System.Text.Encoding.UTF8.GetString(Json.ExchangeJson.Order(o, nested: true))).ToList()))
                + s.Read(v => v.Account.Cash.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(Run(11), Run(11));
        Assert.NotEqual(Run(11), Run(12));
    }

    private static (int Status, string Message) Refusal(VenueScript s, OrderRequest r)
    {
        var result = s.Venue.Submit(r);
        Assert.False(result.IsSuccess);
        return (result.Error!.Status, result.Error.Message);
    }
}
