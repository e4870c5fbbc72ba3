using Tessera.Core.Data;
using Tessera.Core.Errors;

namespace Tessera.Core.Portfolio;

/// <summary>Aligned close-to-close returns of the kept assets plus what the density rule dropped.</summary>
public sealed record DenseReturnsResult(IReadOnlyList<string> AssetIds, long[] Timestamps, double[][] Columns, IReadOnlyList<string> DroppedAssets, int RowsDropped);

/// <summary>
/// Density rule of ALGORITHMS.md: drop assets with more than 10% gaps relative to the union
/// calendar, then inner-join the remaining calendars (never zero-fill) and compute close-to-close
/// returns between consecutive common dates. Reports the assets and rows dropped.
/// </summary>
public static class DenseReturns
{
    public static DenseReturnsResult FromBars(IReadOnlyList<BarSeries> universe, double maxGapFraction = 0.10)
    {
        if (universe is null || universe.Count == 0)
        {
            throw new TesseraValidationException("universe", null, "at least one bar series is required");
        }

        var union = universe.SelectMany(b => b.Timestamps).Distinct().Order().ToArray();
        var kept = new List<BarSeries>();
        var dropped = new List<string>();
        foreach (var bars in universe.OrderBy(b => b.Symbol, StringComparer.Ordinal))
        {
            var gaps = 1.0 - ((double)bars.Count / union.Length);
            if (gaps > maxGapFraction)
            {
                dropped.Add(bars.Symbol);
            }
            else
            {
                kept.Add(bars);
            }
        }

        if (kept.Count == 0)
        {
            throw new TesseraValidationException("universe", PortfolioInputValidation.Str(universe.Count) + " assets", "every asset has more than " + PortfolioInputValidation.Str(maxGapFraction) + " gaps relative to the union calendar");
        }

        var common = new HashSet<long>(kept[0].Timestamps);
        foreach (var bars in kept.Skip(1))
        {
            common.IntersectWith(bars.Timestamps);
        }

        var dates = common.Order().ToArray();
        if (dates.Length < 3)
        {
            throw new TesseraValidationException("universe", PortfolioInputValidation.Str(dates.Length) + " common dates", "the kept assets share fewer than 3 dates");
        }

        var columns = new double[kept.Count][];
        for (var j = 0; j < kept.Count; j++)
        {
            var bars = kept[j];
            var index = new Dictionary<long, int>(bars.Count);
            for (var t = 0; t < bars.Count; t++)
            {
                index[bars.Timestamps[t]] = t;
            }

            var col = new double[dates.Length - 1];
            for (var r = 1; r < dates.Length; r++)
            {
                col[r - 1] = (bars.Close[index[dates[r]]] / bars.Close[index[dates[r - 1]]]) - 1.0;
            }

            columns[j] = col;
        }

        return new DenseReturnsResult(kept.Select(b => b.Symbol).ToArray(), dates[1..], columns, dropped, union.Length - dates.Length);
    }
}
