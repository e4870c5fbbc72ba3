namespace Tessera.Core.Portfolio.Estimators;

/// <summary>Small column-layout helpers shared by the estimators.</summary>
internal static class ColumnStatistics
{
    public static double Mean(ReadOnlySpan<double> x)
    {
        var s = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            s += x[i];
        }

        return s / x.Length;
    }

    /// <summary>Columns minus their means, as new arrays (inputs are never mutated).</summary>
    public static double[][] Centered(double[][] returns)
    {
        var p = returns.Length;
        var centered = new double[p][];
        for (var j = 0; j < p; j++)
        {
            var col = returns[j];
            var mean = Mean(col);
            var c = new double[col.Length];
            for (var t = 0; t < col.Length; t++)
            {
                c[t] = col[t] - mean;
            }

            centered[j] = c;
        }

        return centered;
    }

    /// <summary>Cross products X'X of centered columns, flat row-major (symmetric fill; <see cref="CrossProductKernel"/>).</summary>
    public static double[] CrossProducts(double[][] centered) => CrossProductKernel.Compute(centered);

    /// <summary>
    /// X'X of the centered returns without writing a centered copy: centering and packing in one pass
    /// (<see cref="PackedColumns.Centered"/>), bit-identical to <c>CrossProducts(Centered(returns))</c>.
    /// </summary>
    public static double[] CenteredCrossProducts(double[][] returns)
    {
        using var packed = PackedColumns.Centered(returns);
        return CrossProductKernel.Compute(packed, 1);
    }
}
