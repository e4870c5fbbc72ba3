namespace Tessera.Core.Data.Import;

/// <summary>One dropped row: its 1-based line, the field that broke the rule and the offending text.</summary>
public readonly record struct RowRejection(long Line, string Field, string? Value);

/// <summary>All rows dropped for one rule: the full count and the first <see cref="ImportReport.MaxRecordedRowsPerRule"/> rows.</summary>
public sealed record RuleViolations(string Rule, long Count, IReadOnlyList<RowRejection> Rows);

/// <summary>What an import read, kept and dropped, per rule with line numbers (lenient mode), plus non-fatal warnings.</summary>
public sealed class ImportReport
{
    public const int MaxRecordedRowsPerRule = 10_000;

    public ImportReport(string source, ImportMode mode, long dataRows, long rowsAccepted, int symbols, IReadOnlyList<RuleViolations> rejections, IReadOnlyList<string> warnings, long bytesRead)
    {
        Source = source;
        Mode = mode;
        DataRows = dataRows;
        RowsAccepted = rowsAccepted;
        Symbols = symbols;
        Rejections = rejections;
        Warnings = warnings;
        BytesRead = bytesRead;
    }

    public string Source { get; }

    public ImportMode Mode { get; }

    /// <summary>Data lines read (header excluded; blank lines excluded).</summary>
    public long DataRows { get; }

    public long RowsAccepted { get; }

    public int Symbols { get; }

    /// <summary>Dropped rows grouped by rule, in rule-name order.</summary>
    public IReadOnlyList<RuleViolations> Rejections { get; }

    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Uncompressed bytes parsed.</summary>
    public long BytesRead { get; }

    public long RowsRejected
    {
        get
        {
            long sum = 0;
            foreach (var r in Rejections)
            {
                sum += r.Count;
            }

            return sum;
        }
    }

    public RuleViolations? For(string rule)
    {
        foreach (var r in Rejections)
        {
            if (string.Equals(r.Rule, rule, StringComparison.Ordinal))
            {
                return r;
            }
        }

        return null;
    }
}
