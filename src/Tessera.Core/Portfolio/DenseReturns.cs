using Tessera.Core.Contracts;
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

        // One implementation of the density rule and the inner join: the data contracts' returns-matrix builder
        // (which also applies the L0 gate and drops toxic assets, recording why).
        var sorted = universe.OrderBy(b => b.Symbol, StringComparer.Ordinal).ToList();
        var built = ReturnsMatrixBuilder.Build(sorted, new ReturnsOptions { Mode = ContractMode.Lenient, MaxGapRatio = maxGapFraction });
        var matrix = built.Matrix;
        if (matrix.Rows < 2)
        {
            throw new TesseraValidationException("universe", PortfolioInputValidation.Str(matrix.Rows + 1) + " common dates", "the kept assets share fewer than 3 dates");
        }

        var dropped = built.DroppedAssets.Select(d => d.Symbol).ToArray();
        return new DenseReturnsResult([.. matrix.Symbols], matrix.Dates, matrix.Columns, dropped, built.DroppedDates.Length);
    }
}
