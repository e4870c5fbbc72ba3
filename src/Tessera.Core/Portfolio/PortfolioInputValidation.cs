using System.Globalization;
using Tessera.Core.Errors;

namespace Tessera.Core.Portfolio;

/// <summary>
/// Shared checks on the inputs every estimator and allocator receives: asset ids and a returns
/// matrix in column layout (one double[] per asset, all the same length). Each failure names the
/// field, the offending value and the rule, so the caller can tell the user what to fix.
/// </summary>
public static class PortfolioInputValidation
{
    public static void RequireAssetIds(IReadOnlyList<string> assetIds)
    {
        if (assetIds is null || assetIds.Count == 0)
        {
            throw new TesseraValidationException("assetIds", null, "at least one asset is required");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < assetIds.Count; i++)
        {
            var id = assetIds[i];
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new TesseraValidationException("assetIds", id, "asset id must be non-empty", "asset #" + Str(i));
            }

            if (!seen.Add(id))
            {
                throw new TesseraValidationException("assetIds", id, "asset ids must be unique (duplicated asset name)", "asset #" + Str(i));
            }
        }
    }

    /// <summary>
    /// Returns in column layout: one column per asset, equal lengths, finite values, more rows than
    /// assets when <paramref name="requireMoreRowsThanAssets"/> (a covariance from fewer rows than
    /// assets is singular), and no constant column (zero variance makes inverse-risk weights and
    /// correlations undefined).
    /// </summary>
    public static int RequireReturns(IReadOnlyList<string> assetIds, double[][] returns, bool requireMoreRowsThanAssets = true)
    {
        RequireAssetIds(assetIds);
        if (returns is null)
        {
            throw new TesseraValidationException("returns", null, "a returns matrix is required");
        }

        if (returns.Length != assetIds.Count)
        {
            throw new TesseraValidationException("returns", Str(returns.Length) + " columns", "one column per asset (" + Str(assetIds.Count) + " assets)");
        }

        var rows = returns[0]?.Length ?? 0;
        if (rows < 2)
        {
            throw new TesseraValidationException("returns", Str(rows) + " rows", "at least 2 rows of returns are required");
        }

        for (var j = 0; j < returns.Length; j++)
        {
            var column = returns[j];
            if (column is null || column.Length != rows)
            {
                throw new TesseraValidationException("returns[" + assetIds[j] + "]", Str(column?.Length ?? 0) + " rows", "every column must have " + Str(rows) + " rows");
            }

            var first = column[0];
            var constant = true;
            for (var t = 0; t < rows; t++)
            {
                var v = column[t];
                if (!double.IsFinite(v))
                {
                    throw new TesseraValidationException("returns[" + assetIds[j] + "]", v.ToString("R", CultureInfo.InvariantCulture), "returns must be finite (no NaN or infinity)", "row " + Str(t));
                }

                constant &= v == first;
            }

            if (constant)
            {
                throw new TesseraValidationException("returns[" + assetIds[j] + "]", first.ToString("R", CultureInfo.InvariantCulture), "a constant column has zero variance and cannot be allocated");
            }
        }

        if (requireMoreRowsThanAssets && rows <= assetIds.Count)
        {
            throw new TesseraValidationException("returns", Str(rows) + " rows x " + Str(assetIds.Count) + " assets", "more rows than assets are required for a non-singular sample covariance (use Ledoit-Wolf or pass a covariance)");
        }

        return rows;
    }

    public static void RequireFiniteVector(string field, double[] values, int expectedLength)
    {
        if (values is null)
        {
            throw new TesseraValidationException(field, null, "a vector is required");
        }

        if (values.Length != expectedLength)
        {
            throw new TesseraValidationException(field, Str(values.Length) + " values", "expected " + Str(expectedLength) + " values (one per asset)");
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new TesseraValidationException(field, values[i].ToString("R", CultureInfo.InvariantCulture), "values must be finite", "index " + Str(i));
            }
        }
    }

    internal static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Str(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
