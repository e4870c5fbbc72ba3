using Tessera.Core.Errors;
using Tessera.Core.Metrics;
using Tessera.Core.Portfolio.Allocation;
using Tessera.Core.Portfolio.Estimators;

namespace Tessera.Core.Meta;

/// <summary>
/// The meta allocation: one weight per sleeve (long-only over sleeves, summing to 1), risk contributions, the in-sample
/// annualized volatility, the engine's diagnostics, and the hedge ratio between the legs (<see cref="HedgeRatio"/>).
/// </summary>
/// <param name="HedgeRatio">short-leg gross asset exposure / long-leg gross asset exposure,
/// sum_{s short} W_s g_s / sum_{s long} W_s g_s with g_s the sleeve's gross exposure; null when a leg is absent.</param>
/// <param name="ShortLegWeight">sum of the SHORT sleeves' meta weights; <see cref="LongLegWeight"/> the LONG sleeves'.</param>
public sealed record MetaAllocation(
    string Optimizer,
    string[] Sleeves,
    double[] Weights,
    double[] RiskContributions,
    double AnnualizedVolatility,
    double LongLegWeight,
    double ShortLegWeight,
    double? HedgeRatio,
    IReadOnlyList<string> Diagnostics);

/// <summary>
/// Meta optimization through the existing allocation engines (<see cref="AllocationPolicy"/>: an infeasible engine
/// falls back to ERC, recorded): the sleeves are the assets, their joined return columns the returns, historical
/// expected returns, per-sleeve caps as upper bounds. A single sleeve takes weight 1 (the gate allowed it).
/// </summary>
public static class MetaOptimization
{
    public static MetaAllocation Run(Optimizer optimizer, MetaReturnsMatrix matrix, IReadOnlyList<double> sleeveCaps, IReadOnlyList<SleeveStream> sleeves)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(sleeveCaps);
        ArgumentNullException.ThrowIfNull(sleeves);
        var n = matrix.Sleeves.Length;
        if (sleeveCaps.Count != n || sleeves.Count != n)
        {
            throw new TesseraValidationException("sleeves", n.ToString(System.Globalization.CultureInfo.InvariantCulture), "one cap and one stream per sleeve of the matrix are required");
        }

        if (matrix.Observations < CalendarAggregation.MinimumObservations)
        {
            throw new TesseraValidationException("meta.returns", matrix.Observations.ToString(System.Globalization.CultureInfo.InvariantCulture), $"the sleeves share fewer than {CalendarAggregation.MinimumObservations} dates after the inner join");
        }

        double[] weights;
        double[] rc;
        double volatility;
        IReadOnlyList<string> diagnostics;
        if (n == 1)
        {
            weights = [1.0];
            rc = [1.0];
            volatility = StandardDeviation(matrix.Columns[0]) * Math.Sqrt(Annualization.TradingDaysPerYear);
            diagnostics = ["single sleeve (allow_single_sleeve): weight 1, no optimizer run"];
        }
        else
        {
            var caps = new double[n];
            for (var i = 0; i < n; i++)
            {
                caps[i] = sleeveCaps[i];
            }

            var result = new AllocationPolicy().Allocate(optimizer.CreateAllocator(), new AllocationProblem
            {
                AssetIds = matrix.Sleeves,
                Returns = matrix.Columns,
                ExpectedReturns = ExpectedReturns.Historical(matrix.Columns),
                Constraints = new AllocationConstraints { MaxWeights = caps },
            });
            weights = result.Weights;
            rc = result.RiskContributions;
            volatility = result.PortfolioVolatility * Math.Sqrt(Annualization.TradingDaysPerYear);
            var d = new List<string>(result.Diagnostics);
            if (result.FallbackFrom is not null)
            {
                d.Insert(0, $"fallback from {result.FallbackFrom} to {result.Method}: {result.FallbackReason}");
            }

            diagnostics = d;
        }

        double longLeg = 0, shortLeg = 0, longGross = 0, shortGross = 0;
        for (var i = 0; i < n; i++)
        {
            if (sleeves[i].Side == Side.Short)
            {
                shortLeg += weights[i];
                shortGross += weights[i] * sleeves[i].GrossExposure;
            }
            else
            {
                longLeg += weights[i];
                longGross += weights[i] * sleeves[i].GrossExposure;
            }
        }

        double? hedge = longGross > 0 && shortGross > 0 ? shortGross / longGross : null;
        return new MetaAllocation(optimizer.Name, matrix.Sleeves, weights, rc, volatility, longLeg, shortLeg, hedge, diagnostics);
    }

    /// <summary>The meta's own return stream on the joined dates: m_t = sum_s W_s r_s,t.</summary>
    public static double[] Combine(MetaReturnsMatrix matrix, IReadOnlyList<double> weights, bool baskets = false)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(weights);
        var source = baskets ? matrix.Baskets : matrix.Columns;
        var result = new double[matrix.Observations];
        for (var k = 0; k < source.Length; k++)
        {
            var w = weights[k];
            var column = source[k];
            for (var t = 0; t < result.Length; t++)
            {
                result[t] += w * column[t];
            }
        }

        return result;
    }

    private static double StandardDeviation(double[] x)
    {
        if (x.Length < 2)
        {
            return 0;
        }

        var mean = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            mean += x[i];
        }

        mean /= x.Length;
        var ss = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            ss += (x[i] - mean) * (x[i] - mean);
        }

        return Math.Sqrt(ss / (x.Length - 1));
    }
}
