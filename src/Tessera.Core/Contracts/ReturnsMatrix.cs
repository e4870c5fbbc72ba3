namespace Tessera.Core.Contracts;

/// <summary>
/// Simple returns, dates x symbols, column layout (one double[] per symbol). Invariants enforced on construction:
/// dates UTC epoch ms strictly increasing (sorted, unique), at least one date and one symbol, symbols unique and
/// non-empty, every column as long as the dates, every value finite with |r| &lt;= 5 (the strict L0 bound).
/// Date t is the end of the period: r[t] = close[t] / close[t-1] - 1 on the matrix calendar.
/// </summary>
public sealed class ReturnsMatrix
{
    public const double StrictAbsReturn = 5.0;

    private readonly Dictionary<string, int> _index;

    public ReturnsMatrix(long[] dates, string[] symbols, double[][] columns)
    {
        ArgumentNullException.ThrowIfNull(dates);
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(columns);
        if (dates.Length == 0 || symbols.Length == 0)
        {
            throw Violation(ContractRules.EmptyMatrix, "matrix", "dates", dates.Length + "x" + symbols.Length, null);
        }

        for (var t = 1; t < dates.Length; t++)
        {
            if (dates[t] <= dates[t - 1])
            {
                throw Violation(dates[t] == dates[t - 1] ? ContractRules.Duplicate : ContractRules.NotSorted, "matrix", "dates", dates[t].ToString(), dates[t]);
            }
        }

        if (columns.Length != symbols.Length)
        {
            throw Violation("one column per symbol", "matrix", "columns", columns.Length.ToString(), null);
        }

        _index = new Dictionary<string, int>(symbols.Length, StringComparer.Ordinal);
        for (var j = 0; j < symbols.Length; j++)
        {
            var symbol = symbols[j];
            if (string.IsNullOrWhiteSpace(symbol) || !_index.TryAdd(symbol, j))
            {
                throw Violation("symbols must be unique and non-empty", symbol ?? "<null>", "symbol", symbol, null);
            }

            var col = columns[j] ?? throw Violation("column missing", symbol, "column", null, null);
            if (col.Length != dates.Length)
            {
                throw Violation("column length must equal the number of dates", symbol, "column", col.Length.ToString(), null);
            }

            for (var t = 0; t < col.Length; t++)
            {
                var r = col[t];
                if (!double.IsFinite(r))
                {
                    throw Violation(ContractRules.NonFinite, symbol, "return", r.ToString("R"), dates[t]);
                }

                if (Math.Abs(r) > StrictAbsReturn)
                {
                    throw Violation(ContractRules.ToxicReturn, symbol, "return", r.ToString("R"), dates[t]);
                }
            }
        }

        Dates = dates;
        Symbols = symbols;
        Columns = columns;
    }

    public long[] Dates { get; }

    public IReadOnlyList<string> Symbols { get; }

    public double[][] Columns { get; }

    public int Rows => Dates.Length;

    public int Assets => Columns.Length;

    public double this[int t, int j] => Columns[j][t];

    public ReadOnlySpan<double> Column(int j) => Columns[j];

    public ReadOnlySpan<double> Column(string symbol) => Columns[IndexOf(symbol)];

    /// <summary>Column index of <paramref name="symbol"/>, or -1.</summary>
    public int IndexOf(string symbol) => _index.TryGetValue(symbol, out var j) ? j : -1;

    private static ContractViolationException Violation(string rule, string subject, string field, string? value, long? ts) =>
        new(new ContractViolation(rule, subject, field, value, ts, ViolationSeverity.Dropped));
}
