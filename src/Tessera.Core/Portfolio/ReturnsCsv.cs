using System.Globalization;
using System.Text;
using Tessera.Core.Errors;

namespace Tessera.Core.Portfolio;

/// <summary>A returns table: one date per row, one column per asset (column layout).</summary>
public sealed record ReturnsTable(IReadOnlyList<string> Dates, IReadOnlyList<string> AssetIds, double[][] Columns);

/// <summary>
/// Reads and writes the portfolio CSV formats. Input: header "date,ASSET1,ASSET2,...", then one row
/// per date with a finite number per asset. Strict: a missing field, a non-number, NaN/Inf, a
/// duplicated date or asset name is a TesseraValidationException naming the line and column
/// (returns must be aligned before allocation; nothing is zero-filled).
/// </summary>
public static class ReturnsCsv
{
    public static ReturnsTable Read(TextReader reader, string source)
    {
        var header = reader.ReadLine() ?? throw new TesseraValidationException("header", null, "the returns CSV is empty", source);
        var names = header.Split(',');
        if (names.Length < 2)
        {
            throw new TesseraValidationException("header", header, "expected a date column plus at least one asset column", source + ":1");
        }

        var ids = new string[names.Length - 1];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var j = 1; j < names.Length; j++)
        {
            var id = names[j].Trim();
            if (id.Length == 0)
            {
                throw new TesseraValidationException("header", header, "asset column " + PortfolioInputValidation.Str(j + 1) + " has no name", source + ":1");
            }

            if (!seen.Add(id))
            {
                throw new TesseraValidationException("header", id, "asset names must be unique (duplicated asset name)", source + ":1");
            }

            ids[j - 1] = id;
        }

        var dates = new List<string>();
        var seenDates = new HashSet<string>(StringComparer.Ordinal);
        var cols = new List<double>[ids.Length];
        for (var j = 0; j < ids.Length; j++)
        {
            cols[j] = [];
        }

        var lineNo = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0)
            {
                continue;
            }

            var where = source + ":" + PortfolioInputValidation.Str(lineNo);
            var fields = line.Split(',');
            if (fields.Length != names.Length)
            {
                throw new TesseraValidationException("row", PortfolioInputValidation.Str(fields.Length) + " fields", "every row needs " + PortfolioInputValidation.Str(names.Length) + " fields (missing or extra field)", where);
            }

            var date = fields[0].Trim();
            if (date.Length == 0)
            {
                throw new TesseraValidationException("date", null, "every row needs a date", where);
            }

            if (!seenDates.Add(date))
            {
                throw new TesseraValidationException("date", date, "dates must be unique (duplicated row)", where);
            }

            dates.Add(date);
            for (var j = 1; j < fields.Length; j++)
            {
                var text = fields[j].Trim();
                if (text.Length == 0)
                {
                    throw new TesseraValidationException(ids[j - 1], null, "missing value: align the returns before allocating (no zero-fill)", where);
                }

                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                {
                    throw new TesseraValidationException(ids[j - 1], text, "returns must be finite numbers (no NaN or infinity)", where);
                }

                cols[j - 1].Add(v);
            }
        }

        if (dates.Count == 0)
        {
            throw new TesseraValidationException("rows", "0", "the returns CSV has no data rows", source);
        }

        return new ReturnsTable(dates, ids, cols.Select(c => c.ToArray()).ToArray());
    }

    /// <summary>"asset,ASSET1,..." header then one row per asset (a square matrix with labels).</summary>
    public static string WriteMatrix(IReadOnlyList<string> ids, Estimators.CovarianceMatrix matrix)
    {
        var sb = new StringBuilder();
        sb.Append("asset");
        foreach (var id in ids)
        {
            sb.Append(',').Append(id);
        }

        sb.Append('\n');
        for (var i = 0; i < ids.Count; i++)
        {
            sb.Append(ids[i]);
            for (var j = 0; j < ids.Count; j++)
            {
                sb.Append(',').Append(matrix[i, j].ToString("R", CultureInfo.InvariantCulture));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>"asset,weight,risk_contribution" rows.</summary>
    public static string WriteWeights(Allocation.AllocationResult result)
    {
        var sb = new StringBuilder("asset,weight,risk_contribution\n");
        for (var i = 0; i < result.AssetIds.Count; i++)
        {
            sb.Append(result.AssetIds[i]).Append(',')
                .Append(result.Weights[i].ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(result.RiskContributions[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        return sb.ToString();
    }
}
