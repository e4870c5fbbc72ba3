using Tessera.Core.Backtest.Sizing;

namespace Tessera.Core.Backtest;

/// <summary>
/// The configuration of the pinned reference runs (regression tests, benchmarks, CLI defaults): 1,000,000 initial
/// cash, 5% of equity per entry (fixed fraction), 5 bps slippage, 0.005 per share commission, no margin, longs and
/// shorts, the strategies' own protective stops.
/// </summary>
public static class ReferenceRun
{
    public static BacktestOptions Options { get; } = new()
    {
        InitialCash = 1_000_000,
        Sizer = new FixedFractionSizer(0.05),
        Costs = new CostModel(SlippageBps: 5, CommissionPerShare: 0.005),
    };
}
