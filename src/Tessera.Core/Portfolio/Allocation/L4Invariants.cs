namespace Tessera.Core.Portfolio.Allocation;

/// <summary>
/// L4 contract on every allocation output (ALGORITHMS.md "Returns and contracts"): weights finite,
/// non-negative and summing to at most 1.05. Numerical solvers land within round-off of a bound,
/// so negatives no larger than <see cref="RoundOffTolerance"/> are set to exactly zero first;
/// anything beyond that is a real violation and raises <see cref="PortfolioInvariantException"/>.
/// </summary>
public static class L4Invariants
{
    public const double MaxGrossSum = 1.05;

    public const double RoundOffTolerance = 1e-10;

    /// <summary>Cleans round-off negatives in place and throws on any real violation.</summary>
    public static void Enforce(string method, IReadOnlyList<string> assetIds, double[] weights)
    {
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            var w = weights[i];
            if (!double.IsFinite(w))
            {
                throw new PortfolioInvariantException(method, "weights[" + assetIds[i] + "]", PortfolioInputValidation.Str(w), "L4: weights must be finite");
            }

            if (w < 0)
            {
                if (w < -RoundOffTolerance)
                {
                    throw new PortfolioInvariantException(method, "weights[" + assetIds[i] + "]", PortfolioInputValidation.Str(w), "L4: weights must be non-negative");
                }

                weights[i] = 0.0;
                w = 0.0;
            }

            sum += w;
        }

        if (sum > MaxGrossSum)
        {
            throw new PortfolioInvariantException(method, "sum(weights)", PortfolioInputValidation.Str(sum), "L4: weights must sum to at most 1.05");
        }
    }
}
