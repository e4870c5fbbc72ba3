namespace Tessera.Core.Contracts;

/// <summary>
/// Synthetic long normalization (ALGORITHMS.md "Returns and contracts"): a LONG position keeps its return,
/// r_syn = r; a SHORT position is turned into a long-like series r_syn = -clip(r, upper = 1.0), so a short never
/// loses more than 100% in one period however far the asset rises.
/// </summary>
public static class SyntheticLong
{
    public static double Normalize(double r, Side direction) =>
        direction == Side.Long ? r : -Math.Min(r, 1.0);

    // Columns go through the one column kernel of the platform (LifeCycle.AtomStream), so the rule lives in one place.

    /// <summary>A new matrix with every SHORT column normalized; symbols missing from <paramref name="directions"/> are LONG.</summary>
    public static ReturnsMatrix Apply(ReturnsMatrix matrix, IReadOnlyDictionary<string, Side> directions)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(directions);
        var columns = new double[matrix.Assets][];
        var symbols = new string[matrix.Assets];
        for (var j = 0; j < matrix.Assets; j++)
        {
            symbols[j] = matrix.Symbols[j];
            var source = matrix.Columns[j];
            if (!directions.TryGetValue(symbols[j], out var direction) || direction == Side.Long)
            {
                columns[j] = source;
                continue;
            }

            var target = new double[source.Length];
            LifeCycle.AtomStream.Normalize(source, direction, target); // Short (the kernel refuses Flat)
            columns[j] = target;
        }

        return new ReturnsMatrix(matrix.Dates, symbols, columns);
    }
}
