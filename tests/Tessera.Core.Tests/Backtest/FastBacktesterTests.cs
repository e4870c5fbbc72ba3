using Tessera.Core.Backtest;
using Tessera.Core.Backtest.Sizing;
using Xunit;
using static Tessera.Core.Tests.Backtest.ScenarioBars;

namespace Tessera.Core.Tests.Backtest;

public sealed class FastBacktesterTests
{
    public static TheoryData<int> Seeds => new() { 1, 2, 3, 4 };

    /// <summary>Asserts the fast tier reproduces the event engine exactly: equity bar by bar and every trade.</summary>
    internal static void AssertSame(BacktestResult slow, FastBacktestResult fast)
    {
        Assert.Equal(slow.Equity.Length, fast.Equity.Length);
        for (var i = 0; i < slow.Equity.Length; i++)
        {
            Assert.True(slow.Equity[i] == fast.Equity[i], $"equity differs at {i}: {slow.Equity[i]:R} vs {fast.Equity[i]:R}");
        }

        Assert.NotNull(fast.Trades);
        Assert.Equal(slow.Trades.Count, fast.TradeCount);
        Assert.Equal(slow.Fills.Count, fast.FillCount);
        for (var k = 0; k < slow.Trades.Count; k++)
        {
            var a = slow.Trades[k];
            var b = fast.Trades![k];
            Assert.Equal((a.Symbol, a.Direction, a.EntryBar, a.ExitBar, a.Quantity), (b.Symbol, b.Direction, b.EntryBar, b.ExitBar, b.Quantity));
            Assert.True(a.EntryPrice == b.EntryPrice && a.ExitPrice == b.ExitPrice && a.Commission == b.Commission && a.NetPnl == b.NetPnl, $"trade {k} differs");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Same_trades_and_equity_as_the_event_engine_under_every_rule(int seed)
    {
        var s = (ulong)seed * 100;
        var data = new MarketData([RandomWalk("A", 260, s + 1), RandomWalk("B", 260, s + 2, missingEvery: 9), RandomWalk("C", 260, s + 3), RandomWalk("D", 260, s + 4, vol: 0.04)]);
        var signals = RandomSignals(data, s + 5, probability: 0.25);
        IPositionSizer sizer = (seed % 3) switch
        {
            0 => new VolatilityTargetSizer(0.15, 20, 0.8),
            1 => new FixedFractionSizer(0.45),
            _ => new FractionalKellySizer(lookback: 30, maxFraction: 0.5),
        };
        var options = new BacktestOptions
        {
            InitialCash = 75_000,
            Sizer = sizer,
            Costs = new CostModel(SlippageBps: 4, CommissionBps: 1, CommissionPerShare: 0.005, CommissionPerOrder: 1),
            StopLossPct = seed % 2 == 0 ? 0.03 : null,
            TimeStopBars = seed > 2 ? 6 : null,
            Leverage = seed == 4 ? 1.5 : 1,
            StartBar = seed == 3 ? 40 : 0,
            EndBar = seed == 3 ? 220 : null,
        };
        var book = SignalBook.Create(data, signals);
        var slow = EventBacktestEngine.Run(data, book, options);
        var fast = FastBacktester.Run(data, SignalMatrix.From(data, book), options);
        Assert.True(slow.Trades.Count > 20, "scenario too small: " + slow.Trades.Count);
        AssertSame(slow, fast);
    }

    [Fact]
    public void Long_only_mode_treats_short_signals_as_exits_in_both_tiers()
    {
        var data = new MarketData([RandomWalk("A", 150, 77), RandomWalk("B", 150, 78)]);
        var book = SignalBook.Create(data, RandomSignals(data, 79, 0.2));
        var options = new BacktestOptions { AllowShort = false, Sizer = new FixedFractionSizer(0.4) };
        var slow = EventBacktestEngine.Run(data, book, options);
        Assert.All(slow.Trades, t => Assert.Equal(Side.Long, t.Direction));
        AssertSame(slow, FastBacktester.Run(data, SignalMatrix.From(data, book), options));
    }

    [Fact]
    public void A_signal_matrix_of_the_wrong_shape_is_rejected()
    {
        var data = new MarketData([Flat("A", 5, 10), Flat("B", 5, 10)]);
        Assert.Throws<Tessera.Core.Errors.TesseraValidationException>(() => FastBacktester.Run(data, new SignalMatrix(1, 5), new BacktestOptions()));
        Assert.Throws<Tessera.Core.Errors.TesseraValidationException>(() => FastBacktester.Run(data, new SignalMatrix(2, 4), new BacktestOptions()));
    }

    [Fact]
    public void Affordable_shares_never_exceed_buying_power()
    {
        var costs = new CostModel(CommissionBps: 10, CommissionPerShare: 0.01, CommissionPerOrder: 5);
        var q = FastBacktester.AffordableShares(10_000, 99.9, costs);
        Assert.True((q * 99.9) + costs.Commission(q, 99.9) <= 10_000);
        Assert.True(((q + 1) * 99.9) + costs.Commission(q + 1, 99.9) > 10_000);
        Assert.Equal(0, FastBacktester.AffordableShares(4, 1, costs));
    }
}
