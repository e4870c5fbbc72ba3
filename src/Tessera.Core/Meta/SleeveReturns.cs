using Tessera.Core.Errors;

namespace Tessera.Core.Meta;

/// <summary>
/// The held-asset basket of a sleeve, the reference of the directional sign test: b_t = mean_a R_a,t, the
/// equal-weighted simple return of the assets the run holds, read from the run's market frame on the dates of the
/// sleeve's (walk-forward out-of-sample) return stream. The stream itself is <see cref="OutOfSampleStream"/>'s.
/// </summary>
public static class SleeveReturns
{
    /// <summary>
    /// b_t = mean over the held symbols of R_a,t on each of <paramref name="dates"/>; every date must be a market date
    /// and every held symbol a market symbol (the sleeve's own frame, so a miss is a corrupt run).
    /// </summary>
    public static double[] Basket(long[] dates, long[] marketTimestamps, IReadOnlyList<string> marketSymbols, IReadOnlyList<double[]> marketReturns, IReadOnlyList<string> heldSymbols)
    {
        ArgumentNullException.ThrowIfNull(dates);
        ArgumentNullException.ThrowIfNull(marketTimestamps);
        ArgumentNullException.ThrowIfNull(marketSymbols);
        ArgumentNullException.ThrowIfNull(marketReturns);
        ArgumentNullException.ThrowIfNull(heldSymbols);
        if (heldSymbols.Count == 0)
        {
            throw new TesseraValidationException("weights", "0", "a sleeve must hold at least one asset");
        }

        var columns = new double[heldSymbols.Count][];
        for (var k = 0; k < heldSymbols.Count; k++)
        {
            var j = IndexOf(marketSymbols, heldSymbols[k]);
            columns[k] = j >= 0 ? marketReturns[j] : throw new TesseraValidationException("weights.symbol", heldSymbols[k], "every held asset must be in the run's market frame");
        }

        var basket = new double[dates.Length];
        var m = 0;
        for (var t = 0; t < dates.Length; t++)
        {
            while (m < marketTimestamps.Length && marketTimestamps[m] < dates[t])
            {
                m++;
            }

            if (m == marketTimestamps.Length || marketTimestamps[m] != dates[t])
            {
                throw new TesseraValidationException("streams.timestamps", dates[t].ToString(System.Globalization.CultureInfo.InvariantCulture), "every stream date must be a date of the run's market frame");
            }

            var sum = 0.0;
            for (var k = 0; k < columns.Length; k++)
            {
                sum += columns[k][m];
            }

            basket[t] = sum / columns.Length;
        }

        return basket;
    }

    private static int IndexOf(IReadOnlyList<string> symbols, string symbol)
    {
        for (var j = 0; j < symbols.Count; j++)
        {
            if (string.Equals(symbols[j], symbol, StringComparison.Ordinal))
            {
                return j;
            }
        }

        return -1;
    }
}
