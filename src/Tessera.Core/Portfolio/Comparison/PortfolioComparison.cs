using Tessera.Core.Metrics;
using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Estimators;

namespace Tessera.Core.Portfolio.Comparison;

/// <summary>
/// One strategy of the comparison, out of sample: daily net returns from the first traded row, the usual figures,
/// turnover per rebalance (sum |w_target - w_drifted|, the initial purchase included), the summed cost, and the
/// largest share of a capacity cap any rebalance used (NaN without caps).
/// </summary>
public sealed record ComparedStrategy(
    string Name,
    double[] Returns,
    double TotalReturn,
    double Cagr,
    double Volatility,
    double Sharpe,
    double MaxDrawdown,
    int Rebalances,
    double AverageTurnover,
    double CostDrag,
    double MaxCapacityUse,
    double[] LastTargetWeights);

/// <summary>The comparison: assets, the first traded row, the settings, and one entry per strategy (EW first, then LW-GMV).</summary>
public sealed record PortfolioComparisonResult(IReadOnlyList<string> Assets, int Observations, int FirstTradedRow, ComparisonSettings Settings, IReadOnlyList<ComparedStrategy> Strategies);

/// <summary>
/// EW vs LW-GMV (the Indian-equities seed's W6 portfolio compare): both strategies rebalance every
/// <see cref="ComparisonSettings.RebalanceDays"/> rows from row L = lookback on, with targets fitted on the previous L
/// rows only (no look-ahead): equal weight, and the global minimum-variance portfolio on the Ledoit–Wolf covariance.
/// Both respect the same max weight and capacity caps (EW is projected onto them, GMV has them in its QP). Between
/// rebalances weights drift with the assets (w_i &lt;- w_i (1 + r_i) / (1 + r_p)); on a rebalance row the portfolio
/// earns the target mix and pays cost_bps / 10^4 x turnover, so r_net = sum w_i r_i - cost.
/// </summary>
public static class PortfolioComparison
{
    public const string EqualWeight = "EW";
    public const string LedoitWolfGmv = "LW-GMV";

    public static PortfolioComparisonResult Run(IReadOnlyList<string> assets, double[][] returns, ComparisonSettings settings)
    {
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(returns);
        ArgumentNullException.ThrowIfNull(settings);
        PortfolioInputValidation.RequireReturns(assets, returns, requireMoreRowsThanAssets: false);
        var rows = returns[0].Length;
        settings.Validate(assets.Count, rows);
        var constraints = new AllocationConstraints { MaxWeight = settings.MaxWeight, CapacityCaps = settings.CapacityCaps };
        var ew = Simulate(EqualWeight, assets, returns, settings, window => new EqualWeightAllocator().Allocate(new AllocationProblem
        {
            // EW ignores the covariance except for its risk report; LW keeps short lookbacks (rows <= assets) estimable.
            AssetIds = assets,
            Returns = window,
            CovarianceEstimator = new LedoitWolfEstimator(),
            Constraints = constraints,
        }).Weights);
        var gmv = Simulate(LedoitWolfGmv, assets, returns, settings, window => new MinimumVarianceAllocator().Allocate(new AllocationProblem
        {
            AssetIds = assets,
            Returns = window,
            CovarianceEstimator = new LedoitWolfEstimator(),
            Constraints = constraints,
        }).Weights);
        return new PortfolioComparisonResult(assets, rows, settings.LookbackDays, settings, [ew, gmv]);
    }

    private static ComparedStrategy Simulate(string name, IReadOnlyList<string> assets, double[][] returns, ComparisonSettings settings, Func<double[][], double[]> target)
    {
        var n = assets.Count;
        var rows = returns[0].Length;
        var lookback = settings.LookbackDays;
        var cost = settings.CostBps / 10_000.0;
        var held = new double[n];
        var net = new double[rows - lookback];
        var window = new double[n][];
        for (var i = 0; i < n; i++)
        {
            window[i] = new double[lookback];
        }

        double[] last = [];
        var rebalances = 0;
        double turnoverSum = 0, costSum = 0, capacityUse = double.NaN;
        for (var t = lookback; t < rows; t++)
        {
            var paid = 0.0;
            if ((t - lookback) % settings.RebalanceDays == 0)
            {
                for (var i = 0; i < n; i++)
                {
                    Array.Copy(returns[i], t - lookback, window[i], 0, lookback);
                }

                last = target(window);
                var turnover = 0.0;
                for (var i = 0; i < n; i++)
                {
                    turnover += Math.Abs(last[i] - held[i]);
                    held[i] = last[i];
                    if (settings.CapacityCaps is { } caps && caps[i] > 0)
                    {
                        capacityUse = double.IsNaN(capacityUse) ? last[i] / caps[i] : Math.Max(capacityUse, last[i] / caps[i]);
                    }
                }

                rebalances++;
                turnoverSum += turnover;
                paid = cost * turnover;
                costSum += paid;
            }

            var gross = 0.0;
            for (var i = 0; i < n; i++)
            {
                gross += held[i] * returns[i][t];
            }

            for (var i = 0; i < n; i++)
            {
                // A portfolio that lost everything (gross = -1) holds nothing afterwards.
                held[i] = gross <= -1.0 ? 0.0 : held[i] * (1.0 + returns[i][t]) / (1.0 + gross);
            }

            net[t - lookback] = gross - paid;
        }

        return new ComparedStrategy(
            name,
            net,
            PerformanceMetrics.TotalReturn(net),
            PerformanceMetrics.Cagr(net),
            PerformanceMetrics.Volatility(net),
            PerformanceMetrics.Sharpe(net),
            Drawdown.Analyze(Drawdown.EquityFromReturns(net)).MaxDrawdown,
            rebalances,
            turnoverSum / rebalances,
            costSum,
            capacityUse,
            last);
    }
}
