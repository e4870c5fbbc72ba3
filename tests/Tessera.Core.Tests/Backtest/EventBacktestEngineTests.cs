using Tessera.Core.Backtest;
using Tessera.Core.Backtest.Sizing;
using Tessera.Core.Errors;
using Tessera.Core.Signals;
using Xunit;
using static Tessera.Core.Tests.Backtest.ScenarioBars;

namespace Tessera.Core.Tests.Backtest;

public sealed class EventBacktestEngineTests
{
    private static readonly BacktestOptions Half = new() { InitialCash = 10_000, Sizer = new FixedFractionSizer(0.5) };

    [Fact]
    public void Signal_at_close_fills_at_next_open()
    {
        var data = new MarketData([Series("A", (100, 101, 99, 100), (102, 105, 101, 104), (106, 108, 104, 107), (107, 109, 106, 108))]);
        var r = EventBacktestEngine.Run(data, [Long("A", 0), Exit("A", 2)], Half);

        // 0.5 * 10000 / close 100 = 50 shares bought at open(1) = 102, sold at open(3) = 107.
        var trade = Assert.Single(r.Trades);
        Assert.Equal(1, trade.EntryBar);
        Assert.Equal(3, trade.ExitBar);
        Assert.Equal(50, trade.Quantity);
        Assert.Equal(102, trade.EntryPrice);
        Assert.Equal(107, trade.ExitPrice);
        Assert.Equal(250, trade.NetPnl, 12);
        Assert.Equal("exit:signal", trade.ExitReason);
        Assert.Equal(10_000 + 250, r.FinalEquity, 12);

        // Mark to market: bar 1 close 104 with 50 shares bought at 102 -> 10000 + 50 * 2.
        Assert.Equal([10_000, 10_100, 10_250, 10_250], r.Equity);
        Assert.Equal(2, r.Orders.Count);
        Assert.All(r.Orders, o => Assert.Equal(OrderStatus.Filled, o.Status));
    }

    [Fact]
    public void A_gap_through_the_stop_fills_at_the_open_not_at_the_stop()
    {
        // Entry at open(1) = 100, stop 5% -> 95. Bar 2 opens at 90 (below the stop): the exit fills at 90.
        var data = new MarketData([Series("A", (100, 100, 100, 100), (100, 101, 99, 100), (90, 92, 88, 91), (91, 92, 90, 91))]);
        var r = EventBacktestEngine.Run(data, [Long("A", 0)], Half with { StopLossPct = 0.05 });
        var trade = Assert.Single(r.Trades);
        Assert.Equal(2, trade.ExitBar);
        Assert.Equal(90, trade.ExitPrice);
        Assert.Equal("exit:stop", trade.ExitReason);
        Assert.Equal(50 * (90 - 100), trade.NetPnl, 12);
    }

    [Fact]
    public void A_stop_touched_inside_the_bar_fills_at_the_stop()
    {
        var data = new MarketData([Series("A", (100, 100, 100, 100), (100, 101, 99, 100), (99, 99.5, 94, 96), (96, 97, 95, 96))]);
        var r = EventBacktestEngine.Run(data, [Long("A", 0)], Half with { StopLossPct = 0.05 });
        var trade = Assert.Single(r.Trades);
        Assert.Equal(2, trade.ExitBar);
        Assert.Equal(95, trade.ExitPrice, 12);
        Assert.Equal(50 * -5, trade.NetPnl, 9);
    }

    [Fact]
    public void A_short_stop_gapped_through_upwards_fills_at_the_open()
    {
        // Short entry at 100, stop 105; bar 2 opens at 110.
        var data = new MarketData([Series("A", (100, 100, 100, 100), (100, 101, 99, 100), (110, 112, 109, 111), (111, 112, 110, 111))]);
        var r = EventBacktestEngine.Run(data, [Short("A", 0)], Half with { StopLossPct = 0.05 });
        var trade = Assert.Single(r.Trades);
        Assert.Equal(Side.Short, trade.Direction);
        Assert.Equal(110, trade.ExitPrice);
        Assert.Equal(-50 * 10, trade.NetPnl, 12);
    }

    [Fact]
    public void A_signal_stop_overrides_the_percentage_stop()
    {
        // The entry signal carries a stop at 97: bar 2's low 96.5 reaches it (the 5% stop at 95 would not be reached).
        var data = new MarketData([Series("A", (100, 100, 100, 100), (100, 101, 99, 100), (99, 99.5, 96.5, 98), (98, 99, 97.5, 98))]);
        var r = EventBacktestEngine.Run(data, [Long("A", 0) with { StopPrice = 97 }], Half with { StopLossPct = 0.05 });
        var trade = Assert.Single(r.Trades);
        Assert.Equal(2, trade.ExitBar);
        Assert.Equal(97, trade.ExitPrice);

        // Ignoring signal stops falls back to the 5% stop, which is not hit.
        Assert.Empty(EventBacktestEngine.Run(data, [Long("A", 0) with { StopPrice = 97 }], Half with { StopLossPct = 0.05, UseSignalStops = false }).Trades);
    }

    [Fact]
    public void An_entry_that_opens_beyond_its_stop_is_stopped_at_that_open()
    {
        // Stop 97 from the signal close; the next bar opens at 95 (entry fill) and is already through the stop.
        var data = new MarketData([Series("A", (100, 100, 100, 100), (95, 96, 94, 95), (95, 96, 94, 95))]);
        var r = EventBacktestEngine.Run(data, [Long("A", 0) with { StopPrice = 97 }], Half);
        var trade = Assert.Single(r.Trades);
        Assert.Equal(1, trade.EntryBar);
        Assert.Equal(1, trade.ExitBar);
        Assert.Equal(95, trade.EntryPrice);
        Assert.Equal(95, trade.ExitPrice);
        Assert.Equal(0, trade.NetPnl);
    }

    [Fact]
    public void A_time_stop_exits_at_the_open_after_n_bars_held()
    {
        // Entry at open(1); held through the closes of bars 1, 2, 3 -> exit queued at close(3), filled at open(4).
        var bars = new (double, double, double, double)[8];
        for (var i = 0; i < bars.Length; i++)
        {
            bars[i] = (100 + i, 101 + i, 99 + i, 100.5 + i);
        }

        var data = new MarketData([Series("A", bars)]);
        var r = EventBacktestEngine.Run(data, [Long("A", 0)], Half with { TimeStopBars = 3 });
        var trade = Assert.Single(r.Trades);
        Assert.Equal(1, trade.EntryBar);
        Assert.Equal(4, trade.ExitBar);
        Assert.Equal(3, trade.HoldingBars);
        Assert.Equal(104, trade.ExitPrice);
        Assert.Equal("exit:time", trade.ExitReason);
    }

    [Fact]
    public void Costs_and_slippage_change_pnl_by_exactly_the_expected_amount()
    {
        var data = new MarketData([Series("A", (100, 100, 100, 100), (100, 106, 99, 105), (110, 111, 109, 110), (110, 111, 109, 110))]);
        var signals = new[] { Long("A", 0), Exit("A", 1) };
        var free = EventBacktestEngine.Run(data, signals, Half);
        var costs = new CostModel(SlippageBps: 10, CommissionBps: 5, CommissionPerShare: 0.01, CommissionPerOrder: 1);
        var paid = EventBacktestEngine.Run(data, signals, Half with { Costs = costs });

        // 50 shares (sized at the close, so identical in both runs). Buy at 100 * 1.001 = 100.1, sell at 110 * 0.999 = 109.89.
        // Commissions: entry 1 + 0.5 + 0.0005 * 50 * 100.1 = 4.0025; exit 1 + 0.5 + 0.0005 * 50 * 109.89 = 4.24725.
        Assert.Equal(500, Assert.Single(free.Trades).NetPnl, 12);
        var t = Assert.Single(paid.Trades);
        Assert.Equal(100.1, t.EntryPrice, 12);
        Assert.Equal(109.89, t.ExitPrice, 12);
        Assert.Equal(4.0025 + 4.24725, t.Commission, 12);
        Assert.Equal((50 * (109.89 - 100.1)) - 8.24975, t.NetPnl, 10);
        var slippage = 50 * (0.1 + 0.11);
        Assert.Equal(slippage + 8.24975, free.FinalEquity - paid.FinalEquity, 9);
        Assert.Equal(free.FinalEquity - paid.FinalEquity, paid.Fills.Sum(f => f.Commission) + slippage, 9);
    }

    [Fact]
    public void A_shorts_pnl_mirrors_the_longs()
    {
        var data = new MarketData([Series("A", (100, 100, 100, 100), (100, 105, 99, 104), (106, 108, 103, 107), (95, 96, 94, 95), (97, 98, 96, 97))]);
        var costs = new CostModel(SlippageBps: 7, CommissionPerOrder: 2);
        var longRun = EventBacktestEngine.Run(data, [Long("A", 0), Exit("A", 2)], Half with { Costs = CostModel.Zero });
        var shortRun = EventBacktestEngine.Run(data, [Short("A", 0), Exit("A", 2)], Half with { Costs = CostModel.Zero });
        Assert.Equal(-Assert.Single(longRun.Trades).NetPnl, Assert.Single(shortRun.Trades).NetPnl, 12);
        Assert.Equal(50 * (95 - 100), longRun.Trades[0].NetPnl, 12);

        // With costs both sides pay: long + short = -(all commissions and slippage of both round trips).
        var l = EventBacktestEngine.Run(data, [Long("A", 0), Exit("A", 2)], Half with { Costs = costs });
        var s = EventBacktestEngine.Run(data, [Short("A", 0), Exit("A", 2)], Half with { Costs = costs });
        var slip = 2 * 50 * ((100 * 0.0007) + (95 * 0.0007));
        Assert.Equal(-(8 + slip), l.Trades[0].NetPnl + s.Trades[0].NetPnl, 9);

        // Mark-to-market mirrors too: equity gain of the long = equity loss of the short, bar by bar (no costs).
        for (var i = 0; i < longRun.Equity.Length; i++)
        {
            Assert.Equal(longRun.Equity[i] - 10_000, 10_000 - shortRun.Equity[i], 9);
        }
    }

    [Fact]
    public void Cash_is_never_negative_without_margin_even_when_signals_ask_for_too_much()
    {
        var data = new MarketData([RandomWalk("A", 300, 1), RandomWalk("B", 300, 2), RandomWalk("C", 300, 3, missingEvery: 7), RandomWalk("D", 300, 4), RandomWalk("E", 300, 5)]);
        var signals = RandomSignals(data, 11, probability: 0.15);
        var costs = new CostModel(SlippageBps: 5, CommissionBps: 2, CommissionPerOrder: 1);
        var r = EventBacktestEngine.Run(data, signals, new BacktestOptions { InitialCash = 50_000, Sizer = new FixedFractionSizer(0.6), Costs = costs, StopLossPct = 0.08 });
        Assert.All(r.Cash, c => Assert.True(c >= 0, "cash " + c));

        // Replay the cash account fill by fill: it never dips below zero between fills either.
        var cash = 50_000.0;
        foreach (var f in r.Fills)
        {
            cash += (f.Side == OrderSide.Buy ? -1 : 1) * f.Quantity * f.Price;
            cash -= f.Commission;
            Assert.True(cash >= -1e-9, $"cash {cash} after fill {f.OrderId}");
        }

        // The constraint binds: some entries were reduced or rejected for lack of buying power.
        Assert.Contains(r.Orders, o => o.Status is OrderStatus.Reduced or OrderStatus.Rejected);
        Assert.Contains(r.Trades, t => t.Direction == Side.Short);

        // With 2x margin the same signals borrow: cash goes negative at some point.
        var margin = EventBacktestEngine.Run(data, signals, new BacktestOptions { InitialCash = 50_000, Sizer = new FixedFractionSizer(0.6), Costs = costs, Leverage = 2 });
        Assert.Contains(margin.Cash, c => c < 0);
    }

    [Fact]
    public void Entries_share_one_cash_account_in_symbol_order()
    {
        // Both signal at bar 0 with 80% of equity each: A (first symbol) gets 80 shares, B only what is left.
        var data = new MarketData([Flat("A", 4, 100), Flat("B", 4, 100)]);
        var r = EventBacktestEngine.Run(data, [Long("A", 0), Long("B", 0)], new BacktestOptions { InitialCash = 10_000, Sizer = new FixedFractionSizer(0.8) });
        Assert.Equal(80, r.Fills[0].Quantity);
        Assert.Equal(20, r.Fills[1].Quantity);
        Assert.Equal(OrderStatus.Reduced, r.Orders[1].Status);
        Assert.Equal(0, r.Cash[^1], 12);
    }

    [Fact]
    public void Equity_is_cash_plus_marked_positions_and_trades_sum_to_the_equity_change()
    {
        var data = new MarketData([RandomWalk("A", 200, 21), RandomWalk("B", 200, 22)]);
        var signals = RandomSignals(data, 5).Append(Exit("A", 199)).Append(Exit("B", 199)).ToList();
        var r = EventBacktestEngine.Run(data, signals, new BacktestOptions { InitialCash = 20_000, Costs = new CostModel(3, 1, 0, 0.5), Sizer = new FixedFractionSizer(0.3) });
        Assert.True(r.Trades.Count > 5);

        // Everything is flat after the last exit fills (bar 199 exits would fill at bar 200, which does not exist;
        // so compare the realized P&L with equity at the last bar where no position was open).
        var lastFlat = Enumerable.Range(0, r.Equity.Length).Last(i => r.GrossExposure[i] == 0);
        var realized = r.Trades.Where(t => t.ExitBar <= lastFlat).Sum(t => t.NetPnl);
        Assert.Equal(20_000 + realized, r.Equity[lastFlat], 6);
    }

    [Fact]
    public void A_reverse_signal_exits_and_enters_at_the_same_open()
    {
        var data = new MarketData([Flat("A", 5, 100)]);
        var r = EventBacktestEngine.Run(data, [Long("A", 0), Short("A", 2)], Half);
        Assert.Equal(3, r.Fills.Count);
        Assert.Equal(3, r.Fills[1].Bar);
        Assert.Equal(OrderSide.Sell, r.Fills[1].Side);
        Assert.Equal("exit:reverse", r.Fills[1].Reason);
        Assert.Equal(3, r.Fills[2].Bar);
        Assert.Equal(OrderSide.Sell, r.Fills[2].Side);
    }

    [Fact]
    public void Orders_wait_for_the_symbols_next_bar()
    {
        // B has no bar at index 1: its order from bar 0 fills at bar 2.
        var a = Flat("A", 4, 100);
        var full = Flat("B", 4, 50);
        var b = new Tessera.Core.Data.BarSeries("B", [full.Timestamps[0], full.Timestamps[2], full.Timestamps[3]], [50, 51, 52], [50, 51, 52], [50, 51, 52], [50, 51, 52], [1, 1, 1]);
        var r = EventBacktestEngine.Run(new MarketData([a, b]), [Long("B", 0)], Half);
        Assert.Equal(2, Assert.Single(r.Fills).Bar);
        Assert.Equal(51, r.Fills[0].Price);
    }

    [Fact]
    public void Bad_signals_and_options_are_rejected()
    {
        var data = new MarketData([Flat("A", 3, 100)]);
        var ex = Assert.Throws<TesseraValidationException>(() => EventBacktestEngine.Run(data, [Long("ZZZ", 0)], Half));
        Assert.Equal("signal.symbol", ex.Field);
        Assert.Throws<TesseraValidationException>(() => EventBacktestEngine.Run(data, [Long("A", 9)], Half));
        Assert.Throws<TesseraValidationException>(() => EventBacktestEngine.Run(data, [new Signal(Ts(0), "A", Side.Long, double.NaN, "t", "h", "e")], Half));
        Assert.Throws<TesseraValidationException>(() => EventBacktestEngine.Run(data, [Long("A", 0) with { StopPrice = -1 }], Half));
        Assert.Throws<TesseraValidationException>(() => EventBacktestEngine.Run(data, [], Half with { InitialCash = -1 }));
        Assert.Throws<TesseraValidationException>(() => EventBacktestEngine.Run(data, [], Half with { Costs = new CostModel(SlippageBps: double.NaN) }));
        Assert.Throws<TesseraValidationException>(() => EventBacktestEngine.Run(data, [], Half with { StartBar = 3 }));
        Assert.Throws<TesseraValidationException>(() => new MarketData([Series("X", (100, 99, 101, 100))]));
        Assert.Throws<TesseraValidationException>(() => new MarketData([Series("X", (double.NaN, 101, 99, 100))]));
    }

    [Fact]
    public void Order_list_hash_is_stable_and_sensitive_to_fills()
    {
        var data = new MarketData([RandomWalk("A", 120, 8)]);
        var signals = RandomSignals(data, 3);
        var a = EventBacktestEngine.Run(data, signals, Half);
        var b = EventBacktestEngine.Run(data, signals, Half);
        var c = EventBacktestEngine.Run(data, signals, Half with { Costs = new CostModel(SlippageBps: 1) });
        Assert.Equal(a.OrderListHash(), b.OrderListHash());
        Assert.NotEqual(a.OrderListHash(), c.OrderListHash());
        Assert.Equal(64, a.OrderListHash().Length);
    }
}
