using System.Globalization;
using Tessera.Core.Errors;
using Tessera.Core.Regime;

namespace Tessera.Core.LifeCycle;

/// <summary>
/// Step 6 of the atomic life cycle: the realized-volatility quadrant (<see cref="VolatilityQuadrant"/>) of the
/// equal-weighted basket of the atoms' streams, b(t) = (1/N) sum_i r_i(t).
/// </summary>
public static class RegimeStep
{
    /// <summary>What the regime is measured on, as recorded in regime/regime.json and the report.</summary>
    public const string Series = "equal-weighted atom basket";

    public static VolatilityRegime Classify(IReadOnlyList<double[]> streams, int shortWindow, int longWindow) =>
        VolatilityQuadrant.Classify(EqualWeightedBasket(streams), shortWindow, longWindow);

    /// <summary>The mean of the streams on each date (column layout in, one series out).</summary>
    public static double[] EqualWeightedBasket(IReadOnlyList<double[]> streams)
    {
        ArgumentNullException.ThrowIfNull(streams);
        if (streams.Count == 0)
        {
            throw new TesseraValidationException("streams", "0", "the basket needs at least one stream");
        }

        var n = streams[0].Length;
        var basket = new double[n];
        foreach (var s in streams)
        {
            if (s.Length != n)
            {
                throw new TesseraValidationException("streams", s.Length.ToString(CultureInfo.InvariantCulture), $"every stream must have {n} observations");
            }

            for (var t = 0; t < n; t++)
            {
                basket[t] += s[t];
            }
        }

        for (var t = 0; t < n; t++)
        {
            basket[t] /= streams.Count;
        }

        return basket;
    }
}
