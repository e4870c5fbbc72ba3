namespace Tessera.Core.Data.Import;

/// <summary>
/// Collects row problems while parsing. Strict mode turns the first one into a <see cref="DataImportException"/>;
/// lenient mode counts it per rule and remembers the line (bounded, so a hostile file cannot exhaust memory).
/// </summary>
internal sealed class RejectionTally
{
    private readonly Dictionary<string, (long Count, List<RowRejection> Rows)> _byRule = new(StringComparer.Ordinal);
    private readonly string _source;
    private readonly ImportMode _mode;

    public RejectionTally(string source, ImportMode mode)
    {
        _source = source;
        _mode = mode;
    }

    public List<string> Warnings { get; } = [];

    public void Reject(long line, string field, ReadOnlySpan<byte> value, string rule) =>
        Reject(line, field, Utf8Text.Show(value), rule);

    public void Reject(long line, string field, string? value, string rule)
    {
        if (_mode == ImportMode.Strict)
        {
            throw new DataImportException(_source, line, field, value, rule);
        }

        if (!_byRule.TryGetValue(rule, out var entry))
        {
            entry = (0, []);
        }

        if (entry.Rows.Count < ImportReport.MaxRecordedRowsPerRule)
        {
            entry.Rows.Add(new RowRejection(line, field, value));
        }

        _byRule[rule] = (entry.Count + 1, entry.Rows);
    }

    public IReadOnlyList<RuleViolations> ToList()
    {
        var result = new List<RuleViolations>(_byRule.Count);
        foreach (var (rule, entry) in _byRule.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            entry.Rows.Sort((a, b) => a.Line.CompareTo(b.Line));
            result.Add(new RuleViolations(rule, entry.Count, entry.Rows));
        }

        return result;
    }
}
