using Tessera.Core.Errors;

namespace Tessera.Core.Meta;

/// <summary>
/// How a completed atomic run becomes a sleeve stream: the return as traded is the chosen optimizer's atom weights
/// applied to the atoms' synthetic streams, r_t = sum_i w_i s_i,t (a SHORT atom's stream is already the short's
/// return, -r), and the basket is the equal-weighted simple return of the assets the run holds, b_t = mean_a R_a,t,
/// read from the run's market frame on the stream's dates.
/// </summary>
public static class SleeveReturns
{
    /// <summary>r_t = sum_i w_i s_i,t over the weighted atoms (each must be one of the streams' atoms).</summary>
    public static double[] AsTraded(IReadOnlyList<string> weightedAtoms, IReadOnlyList<double> weights, IReadOnlyList<string> streamAtoms, IReadOnlyList<double[]> streams, int observations)
    {
        ArgumentNullException.ThrowIfNull(weightedAtoms);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(streamAtoms);
        ArgumentNullException.ThrowIfNull(streams);
        if (weights.Count != weightedAtoms.Count)
        {
            throw new TesseraValidationException("choice.weights", weights.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "one weight per atom is required");
        }

        var index = new Dictionary<string, int>(streamAtoms.Count, StringComparer.Ordinal);
        for (var i = 0; i < streamAtoms.Count; i++)
        {
            index[streamAtoms[i]] = i;
        }

        var result = new double[observations];
        for (var k = 0; k < weightedAtoms.Count; k++)
        {
            if (!index.TryGetValue(weightedAtoms[k], out var column))
            {
                throw new TesseraValidationException("choice.atoms", weightedAtoms[k], "every weighted atom must have a stream");
            }

            var stream = streams[column];
            if (stream.Length != observations)
            {
                throw new TesseraValidationException("streams", weightedAtoms[k], "every stream must have one value per timestamp");
            }

            var w = weights[k];
            for (var t = 0; t < observations; t++)
            {
                result[t] += w * stream[t];
            }
        }

        return result;
    }

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
