using Tessera.Core.Backtest;
using Tessera.Core.Errors;
using Xunit;
using static Tessera.Core.Tests.Backtest.ScenarioBars;

namespace Tessera.Core.Tests.Backtest;

public sealed class WeightsBacktesterTests
{
    [Fact]
    public void Fully_invested_single_asset_tracks_the_price_from_the_first_open()
    {
        var data = new MarketData([Series("A", (100, 100, 100, 100), (100, 111, 99, 110), (110, 121, 109, 120), (120, 121, 100, 105))]);
        var r = WeightsBacktester.Run(data, [new WeightTarget(0, [1.0])], new WeightsBacktestOptions { InitialCash = 10_000, RebalanceEvery = 100 });

        // Decided at close(0), bought 100 shares at open(1) = 100: equity = 100 * close thereafter.
        Assert.Equal([10_000, 11_000, 12_000, 10_500], r.Result.Equity);
        Assert.Equal(1, r.Rebalances);
        Assert.Equal(1.0, r.Turnover[1], 12);
    }

    [Fact]
    public void Weights_drift_between_rebalances_and_are_restored_on_schedule()
    {
        // A doubles at bar 2, B is flat. 50/50 bought at open(1); rebalance decided at close(2) (every 2 bars), filled at open(3).
        var data = new MarketData([
            Series("A", (100, 100, 100, 100), (100, 100, 100, 100), (200, 200, 200, 200), (200, 200, 200, 200), (100, 100, 100, 100)),
            Flat("B", 5, 100),
        ]);
        var r = WeightsBacktester.Run(data, [new WeightTarget(0, [0.5, 0.5])], new WeightsBacktestOptions { InitialCash = 10_000, RebalanceEvery = 2 });

        // After bar 2: A 50 sh * 200 = 10000, B 50 * 100 = 5000 -> equity 15000, weights drifted to 2/3, 1/3.
        Assert.Equal(15_000, r.Result.Equity[2], 9);

        // Rebalanced at open(3) to 7500 each: A 37.5 sh, B 75 sh. Bar 4: A halves -> 37.5 * 100 + 75 * 100 = 11250.
        Assert.Equal(11_250, r.Result.Equity[4], 9);
        Assert.Equal(2, r.Rebalances);

        // Turnover at the rebalance: sold 2500 of A and bought 2500 of B over equity 15000.
        Assert.Equal(5_000.0 / 15_000, r.Turnover[3], 12);

        // FIFO: selling 12.5 of the 50 A shares closes part of the first lot.
        var t = Assert.Single(r.Result.Trades);
        Assert.Equal(12.5, t.Quantity, 12);
        Assert.Equal(12.5 * 100, t.NetPnl, 9);
    }

    [Fact]
    public void Trades_below_the_threshold_are_skipped()
    {
        var data = new MarketData([
            Series("A", (100, 100, 100, 100), (100, 100, 100, 100), (104, 104, 104, 104), (104, 104, 104, 104)),
            Flat("B", 4, 100),
        ]);
        var options = new WeightsBacktestOptions { InitialCash = 10_000, RebalanceEvery = 2, Threshold = 0.02 };

        // A's weight drifts to 5200/10200 = 0.5098: |0.5 - 0.5098| < 0.02 -> both trades skipped.
        var r = WeightsBacktester.Run(data, [new WeightTarget(0, [0.5, 0.5])], options);
        Assert.Equal(2, r.Result.Fills.Count);
        Assert.Equal(2, r.SkippedTrades);
        Assert.Equal(0, r.Turnover[3]);

        // Without the threshold the drift is traded.
        var full = WeightsBacktester.Run(data, [new WeightTarget(0, [0.5, 0.5])], options with { Threshold = 0 });
        Assert.Equal(4, full.Result.Fills.Count);
    }

    [Fact]
    public void Costs_reduce_equity_by_commission_and_slippage_on_traded_notional()
    {
        var data = new MarketData([Flat("A", 3, 100), Flat("B", 3, 50)]);
        var costs = new CostModel(SlippageBps: 0, CommissionBps: 10);
        var r = WeightsBacktester.Run(data, [new WeightTarget(0, [0.5, 0.4])], new WeightsBacktestOptions { InitialCash = 10_000, Costs = costs, RebalanceEvery = 50 });

        // 9000 bought at flat prices: commission 0.001 * 9000 = 9, nothing else changes.
        Assert.Equal(10_000 - 9, r.Result.Equity[^1], 9);
        Assert.Equal(1_000 - 9, r.Result.Cash[^1], 9);
    }

    [Fact]
    public void Buys_are_scaled_so_cash_never_goes_negative()
    {
        var data = new MarketData([RandomWalk("A", 120, 1), RandomWalk("B", 120, 2), RandomWalk("C", 120, 3)]);
        var targets = new List<WeightTarget>();
        for (var t = 0; t < 120; t += 5)
        {
            targets.Add(new WeightTarget(t, t % 10 == 0 ? [0.35, 0.35, 0.35] : [0.6, 0.05, 0.4]));
        }

        var r = WeightsBacktester.Run(data, targets, new WeightsBacktestOptions { Costs = new CostModel(5, 5, 0.01, 1), RebalanceEvery = 5 });
        Assert.All(r.Result.Cash, c => Assert.True(c >= 0, "cash " + c));
        Assert.True(r.AnnualTurnover > 0);
    }

    [Fact]
    public void Invalid_weights_are_rejected()
    {
        var data = new MarketData([Flat("A", 3, 100), Flat("B", 3, 100)]);
        var o = new WeightsBacktestOptions();
        Assert.Throws<TesseraValidationException>(() => WeightsBacktester.Run(data, [new WeightTarget(0, [0.6, 0.5])], o));
        Assert.Throws<TesseraValidationException>(() => WeightsBacktester.Run(data, [new WeightTarget(0, [-0.1, 0.5])], o));
        Assert.Throws<TesseraValidationException>(() => WeightsBacktester.Run(data, [new WeightTarget(0, [0.5])], o));
        Assert.Throws<TesseraValidationException>(() => WeightsBacktester.Run(data, [new WeightTarget(0, [double.NaN, 0.5])], o));
        Assert.Throws<TesseraValidationException>(() => WeightsBacktester.Run(data, [new WeightTarget(1, [0.5, 0.5]), new WeightTarget(1, [0.5, 0.5])], o));
    }
}
