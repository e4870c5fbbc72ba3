using Tessera.Core.Backtest;
using Tessera.Core.Backtest.Sizing;
using Tessera.Core.Errors;
using Xunit;
using static Tessera.Core.Tests.Backtest.ScenarioBars;

namespace Tessera.Core.Tests.Backtest.Sizing;

/// <summary>Kobe81's "0.7% of current cash per trade", the drawdown throttle, and what the engines tell a sizer.</summary>
public sealed class Kobe81SizingTests
{
    [Fact]
    public void Kobe81_sizes_at_0_7_percent_of_current_cash()
    {
        var data = new MarketData([Flat("A", 3, 20)]);
        var sizer = new CashFractionSizer(CashFractionSizer.Kobe81Fraction);

        // 0.007 * 50,000 / 20 = 17.5 shares, whatever the equity; no cash, no entry.
        Assert.Equal(17.5, sizer.TargetQuantity(new SizingRequest(data, 0, 1, 900_000, 20, Side.Long, 1, 50_000, 900_000)), 12);
        Assert.Equal(0, sizer.TargetQuantity(new SizingRequest(data, 0, 1, 900_000, 20, Side.Long, 1, 0, 900_000)));
        Assert.Equal(0, sizer.TargetQuantity(new SizingRequest(data, 0, 1, 900_000, 20, Side.Long, 1, -5, 900_000)));
        Assert.Equal("fraction", Assert.Throws<TesseraValidationException>(() => new CashFractionSizer(0)).Field);
        Assert.Throws<TesseraValidationException>(() => new CashFractionSizer(1.5));
    }

    [Fact]
    public void Kobe81_cash_sizing_in_the_engine_reads_cash_not_equity()
    {
        // 10,000 cash, no costs. A: long at close(0) = 10 -> floor(0.007 * 10,000 / 10) = 7 shares at open(1) = 10,
        // cash 9,930. B: long at close(1) = 5 -> floor(0.007 * 9,930 / 5) = floor(13.902) = 13 shares (equity would
        // give floor(0.007 * (9,930 + 7 * 12) / 5) = 14).
        var data = new MarketData(
        [
            Series("A", (10, 10, 10, 10), (10, 12, 10, 12), (12, 12, 12, 12), (12, 12, 12, 12)),
            Series("B", (5, 5, 5, 5), (5, 5, 5, 5), (5, 5, 5, 5), (5, 5, 5, 5)),
        ]);
        var options = new BacktestOptions { InitialCash = 10_000, Sizer = new CashFractionSizer(0.007) };
        var signals = new[] { Long("A", 0), Long("B", 1) };
        var r = EventBacktestEngine.Run(data, signals, options);
        var fills = r.Fills.Select(f => (f.Symbol, f.Quantity, f.Bar)).ToList();
        Assert.Equal([("A", 7.0, 1), ("B", 13.0, 2)], fills);

        var book = SignalBook.Create(data, signals);
        FastBacktesterTests.AssertSame(EventBacktestEngine.Run(data, book, options), FastBacktester.Run(data, SignalMatrix.From(data, book), options));
    }

    [Fact]
    public void Drawdown_throttle_cuts_entries_above_the_threshold_only()
    {
        var data = new MarketData([Flat("A", 3, 10)]);
        var throttle = new DrawdownThrottleSizer(new FixedFractionSizer(0.5), threshold: 0.25, cut: 0.5);

        // Peak 100: equity 75 is a drawdown of exactly 0.25 (full size); 74.99 is above it (half); 75.01 below (full).
        Assert.Equal(1.0, throttle.Multiplier(75, 100));
        Assert.Equal(0.5, throttle.Multiplier(74.99, 100));
        Assert.Equal(1.0, throttle.Multiplier(75.01, 100));
        Assert.Equal(1.0, throttle.Multiplier(120, 100));

        // 0.5 * 74.99 / 10 = 3.7495 shares, halved.
        Assert.Equal(0.5 * 0.5 * 74.99 / 10, throttle.TargetQuantity(new SizingRequest(data, 0, 1, 74.99, 10, Side.Long, 1, 74.99, 100)), 12);
        Assert.Equal("ddThreshold", Assert.Throws<TesseraValidationException>(() => new DrawdownThrottleSizer(new FixedFractionSizer(0.1), 0, 0.5)).Field);
        Assert.Equal("ddCut", Assert.Throws<TesseraValidationException>(() => new DrawdownThrottleSizer(new FixedFractionSizer(0.1), 0.1, 1.5)).Field);
        Assert.Equal(DrawdownThrottleSizer.DefaultThreshold, new DrawdownThrottleSizer(new FixedFractionSizer(0.1)).Threshold);
    }

    [Fact]
    public void Engines_give_the_sizer_the_cash_and_the_equity_peak_at_the_signal_close()
    {
        // 1,000 cash, fixed 50 %. A: long at close(0) = 10 -> 50 shares at open(1) = 10 (cash 500). Closes 12, 8:
        // equity 1,100 at bar 1 (the peak), 900 at bar 2. The request at close(2) for B carries cash 500, equity 900
        // and peak 1,100 (the initial 1,000 counts too: the request at close(0) has peak 1,000).
        var data = new MarketData(
        [
            Series("A", (10, 10, 10, 10), (10, 12, 10, 12), (12, 12, 8, 8), (8, 8, 8, 8)),
            Series("B", (4, 4, 4, 4), (4, 4, 4, 4), (4, 4, 4, 4), (4, 4, 4, 4)),
        ]);
        var spy = new RecordingSizer(new FixedFractionSizer(0.5));
        var signals = new[] { Long("A", 0), Long("B", 2) };
        EventBacktestEngine.Run(data, signals, new BacktestOptions { InitialCash = 1_000, Sizer = spy });
        Assert.Equal([(0, 1_000.0, 1_000.0, 1_000.0), (2, 500.0, 900.0, 1_100.0)], spy.Seen);

        var fast = new RecordingSizer(new FixedFractionSizer(0.5));
        var book = SignalBook.Create(data, signals);
        FastBacktester.Run(data, SignalMatrix.From(data, book), new BacktestOptions { InitialCash = 1_000, Sizer = fast });
        Assert.Equal(spy.Seen, fast.Seen);
    }

    [Fact]
    public void A_throttled_backtest_matches_on_both_engines()
    {
        var data = new MarketData([RandomWalk("A", 300, 11, vol: 0.05), RandomWalk("B", 300, 12, vol: 0.05), RandomWalk("C", 300, 13)]);
        var book = SignalBook.Create(data, RandomSignals(data, 14, probability: 0.2));
        foreach (var sizer in new IPositionSizer[]
        {
            new DrawdownThrottleSizer(new FixedFractionSizer(0.4), 0.02, 0.5),
            new CashFractionSizer(0.3),
            new DrawdownThrottleSizer(new FractionalKellySizer(0.25, 30, 0.5), 0.03, 0.75),
        })
        {
            var options = new BacktestOptions { Sizer = sizer, Costs = new CostModel(5, 0.005) };
            FastBacktesterTests.AssertSame(EventBacktestEngine.Run(data, book, options), FastBacktester.Run(data, SignalMatrix.From(data, book), options));
        }
    }

    [Fact]
    public void Sizing_spec_builds_each_method_and_refuses_unknown_ones()
    {
        Assert.IsType<FixedFractionSizer>(new SizingSpec().Build());
        Assert.IsType<CashFractionSizer>(new SizingSpec { Method = SizingSpec.Cash, Fraction = 0.007 }.Build());
        Assert.IsType<VolatilityTargetSizer>(new SizingSpec { Method = SizingSpec.Vol }.Build());
        Assert.IsType<FractionalKellySizer>(new SizingSpec { Method = SizingSpec.Kelly }.Build());
        var throttled = Assert.IsType<DrawdownThrottleSizer>(new SizingSpec { Method = SizingSpec.Kelly, DrawdownThreshold = 0.08 }.Build());
        Assert.IsType<FractionalKellySizer>(throttled.Inner);
        Assert.Equal("--sizing", Assert.Throws<TesseraValidationException>(() => SizingSpec.ParseMethod("martingale")).Field);
        var vix = VixSeries.Of([new DateOnly(2020, 1, 2)], [13.5]);
        Assert.Equal("--vix", Assert.Throws<TesseraValidationException>(() => new SizingSpec { Method = SizingSpec.Fixed, Vix = vix }.Build()).Field);
        Assert.Equal("fixed-fraction 0.05", new SizingSpec().Build().Description);
    }

    /// <summary>Records (bar, cash, equity, peak) of every request, then sizes like the inner sizer.</summary>
    private sealed class RecordingSizer(IPositionSizer inner) : IPositionSizer
    {
        public List<(int Bar, double Cash, double Equity, double Peak)> Seen { get; } = [];

        public string Name => "recording";

        public double TargetQuantity(in SizingRequest request)
        {
            Seen.Add((request.Bar, request.Cash, request.Equity, request.PeakEquity));
            return inner.TargetQuantity(request);
        }
    }
}
