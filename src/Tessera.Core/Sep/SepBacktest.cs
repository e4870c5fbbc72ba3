using Tessera.Core.Backtest;
using Tessera.Core.Errors;

namespace Tessera.Core.Sep;

/// <summary>What one SEP backtest did.</summary>
/// <param name="Entries">instruments taken from zero to a positive exposure (the trades the span invariant counts).</param>
/// <param name="Exits">instruments brought back to zero.</param>
public sealed record SepBacktestResult(
    DateTimeOffset From,
    DateTimeOffset To,
    int Evaluations,
    int Entries,
    int Exits,
    double InitialEquity,
    double FinalEquity,
    double Costs,
    int MarginGateHolds,
    double[] Equity)
{
    public double TotalReturn => (FinalEquity / InitialEquity) - 1;
}

/// <summary>
/// The Top-K allocator replayed over bars in event time: each bar is one evaluation whose clock is the bar's time,
/// so cooldowns elapse as they would have live (the seed's "backtests inject event timestamps"). Per bar: metrics
/// per instrument over the last Look candles, the allocator's weights, the budget's targets (account: equity,
/// margin used = MarginRate × exposure, available = equity − used), costs on the traded notional, then the
/// exposures earn the next bar's close-to-close return. Long-only (the allocator publishes weights ≥ 0).
/// </summary>
public static class SepBacktest
{
    /// <param name="from">first bar evaluated (needs Look earlier candles for metrics).</param>
    /// <param name="to">last bar; its close values the final positions (it is not evaluated itself).</param>
    public static SepBacktestResult Run(MarketData data, SepSettings settings, int from, int to, double initialEquity)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (!double.IsFinite(initialEquity) || initialEquity <= 0)
        {
            throw new TesseraValidationException("equity", initialEquity.ToString(System.Globalization.CultureInfo.InvariantCulture), "a positive number");
        }

        if (from < 0 || to >= data.BarCount || from >= to)
        {
            throw new TesseraValidationException("bars", $"{from}..{to}", $"a range with from < to inside 0..{data.BarCount - 1}");
        }

        var n = data.SymbolCount;
        var allocator = new SepAllocator(settings, n);
        var metrics = new SepMetrics?[n];
        var current = new double[n];
        var equityCurve = new double[to - from + 1];
        double equity = initialEquity, costs = 0;
        int entries = 0, exits = 0, gateHolds = 0;
        equityCurve[0] = equity;
        for (var t = from; t < to; t++)
        {
            var now = DateTimeOffset.FromUnixTimeMilliseconds(data.Calendar[t]);
            for (var i = 0; i < n; i++)
            {
                metrics[i] = data.HasBar(i, t)
                    ? SepMetricsCalculator.At(data.High[i], data.Low[i], data.Close[i], data.Volume[i], t, settings.Look)
                    : null;
            }

            var allocation = allocator.Evaluate(now, now, metrics);
            double used = 0;
            for (var i = 0; i < n; i++)
            {
                used += current[i];
            }

            used *= settings.MarginRate;
            var targets = SepBudget.Targets(settings, new SepAccount(equity, equity - used, used), allocation.Weights, current);
            gateHolds += targets.MarginGateHolds ? 1 : 0;
            double traded = 0, pnl = 0;
            for (var i = 0; i < n; i++)
            {
                var next = targets.Exposures[i];
                if (current[i] <= 0 && next > 0)
                {
                    entries++;
                }
                else if (current[i] > 0 && next <= 0)
                {
                    exits++;
                }

                traded += Math.Abs(next - current[i]);
                var c0 = data.Close[i][t];
                var c1 = data.Close[i][t + 1];
                var r = double.IsNaN(c0) || double.IsNaN(c1) || c0 <= 0 ? 0 : (c1 / c0) - 1;
                pnl += next * r;
                current[i] = next * (1 + r); // exposures drift with their prices until the next evaluation
            }

            var cost = traded * settings.CostBps / 10_000;
            costs += cost;
            equity += pnl - cost;
            equityCurve[t - from + 1] = equity;
        }

        return new SepBacktestResult(
            DateTimeOffset.FromUnixTimeMilliseconds(data.Calendar[from]),
            DateTimeOffset.FromUnixTimeMilliseconds(data.Calendar[to]),
            to - from,
            entries,
            exits,
            initialEquity,
            equity,
            costs,
            gateHolds,
            equityCurve);
    }
}
