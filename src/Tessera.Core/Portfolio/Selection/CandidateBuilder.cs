using Tessera.Core.Data;
using Tessera.Core.LifeCycle;

namespace Tessera.Core.Portfolio.Selection;

/// <summary>
/// Candidates from bars: close-to-close returns aligned on the union calendar of the universe
/// (NaN where a symbol has no bar: the health filter counts those), average dollar volume over the
/// last 20 bars, and three factors for scoring: "alpha" = momentum 12-1 (ALGORITHMS.md), "quality"
/// = inverse downside deviation, "lowvol" = minus the daily volatility. Directions are LONG and/or
/// SHORT; both directions of an asset share its raw returns and factors (the pipeline reverses the
/// ranking for SHORT).
/// </summary>
public static class CandidateBuilder
{
    public static IReadOnlyList<ScoringFactor> DefaultFactors { get; } =
    [
        new("alpha", FactorNormalization.Rank),
        new("quality", FactorNormalization.Logistic),
        new("lowvol", FactorNormalization.ZScore),
    ];

    public static List<SelectionCandidate> FromBars(IReadOnlyList<BarSeries> universe, IReadOnlyList<Side> directions, int lookback = 252, int skip = 21)
    {
        var calendar = TradingCalendar.Union(universe);
        var position = new Dictionary<long, int>(calendar.Length);
        for (var i = 0; i < calendar.Length; i++)
        {
            position[calendar[i]] = i;
        }

        var result = new List<SelectionCandidate>();
        foreach (var bars in universe.OrderBy(b => b.Symbol, StringComparer.Ordinal))
        {
            // Returns on the union calendar (row 0 has no previous close).
            var returns = new double[Math.Max(0, calendar.Length - 1)];
            Array.Fill(returns, double.NaN);
            for (var t = 1; t < bars.Count; t++)
            {
                var row = position[bars.Timestamps[t]] - 1;
                if (row >= 0 && bars.Close[t - 1] > 0)
                {
                    returns[row] = (bars.Close[t] / bars.Close[t - 1]) - 1.0;
                }
            }

            var adv = 0.0;
            var window = Math.Min(20, bars.Count);
            for (var t = bars.Count - window; t < bars.Count; t++)
            {
                adv += bars.Close[t] * bars.Volume[t] / window;
            }

            var factors = Factors(returns, lookback, skip);
            foreach (var d in directions)
            {
                result.Add(new SelectionCandidate(bars.Symbol, d, returns, adv, factors));
            }
        }

        return result;
    }

    /// <summary>
    /// Candidates from returns already on one calendar (column per asset, NaN where missing) and each asset's
    /// average dollar volume: one candidate per (asset, direction) with the default factors.
    /// </summary>
    public static List<SelectionCandidate> FromReturns(IReadOnlyList<string> assets, IReadOnlyList<double[]> returns, IReadOnlyList<double> averageDollarVolume, IReadOnlyList<Side> directions, int lookback = 252, int skip = 21)
    {
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(returns);
        ArgumentNullException.ThrowIfNull(averageDollarVolume);
        ArgumentNullException.ThrowIfNull(directions);
        var result = new List<SelectionCandidate>(assets.Count * directions.Count);
        for (var i = 0; i < assets.Count; i++)
        {
            var factors = Factors(returns[i], lookback, skip);
            foreach (var d in directions)
            {
                result.Add(new SelectionCandidate(assets[i], d, returns[i], averageDollarVolume[i], factors));
            }
        }

        return result;
    }

    /// <summary>alpha = momentum 12-1, quality = inverse downside deviation, lowvol = minus daily volatility.</summary>
    private static Dictionary<string, double> Factors(double[] returns, int lookback, int skip)
    {
        var observed = returns.Where(double.IsFinite).ToArray();
        var momentum = observed.Length >= lookback ? MomentumScore.Compute(observed, lookback, skip) : 0.0;
        var downside = Math.Sqrt(observed.Length == 0 ? 0 : observed.Sum(r => r < 0 ? r * r : 0) / observed.Length);
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["alpha"] = momentum,
            ["quality"] = downside > 0 ? 1.0 / downside : 0.0,
            ["lowvol"] = -VolatilityFilter.DailyVolatility(returns),
        };
    }
}
