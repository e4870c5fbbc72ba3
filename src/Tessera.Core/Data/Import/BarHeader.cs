using System.Text;

namespace Tessera.Core.Data.Import;

/// <summary>
/// Resolves a bar-file header: any column order, case-insensitive, blanks/underscores/dashes ignored, and the
/// usual aliases (Name/ticker/symbol, Date/timestamp/time, Adj Close, Vol). When only an adjusted close is
/// present it is used as the close; when both are, <see cref="BarImportOptions.UseAdjustedClose"/> decides.
/// </summary>
internal sealed class BarHeader
{
    private static readonly Dictionary<string, BarColumn> Aliases = new(StringComparer.Ordinal)
    {
        ["symbol"] = BarColumn.Symbol,
        ["ticker"] = BarColumn.Symbol,
        ["name"] = BarColumn.Symbol,
        ["sym"] = BarColumn.Symbol,
        ["date"] = BarColumn.Timestamp,
        ["timestamp"] = BarColumn.Timestamp,
        ["time"] = BarColumn.Timestamp,
        ["datetime"] = BarColumn.Timestamp,
        ["open"] = BarColumn.Open,
        ["high"] = BarColumn.High,
        ["low"] = BarColumn.Low,
        ["close"] = BarColumn.Close,
        ["adjclose"] = BarColumn.AdjustedClose,
        ["adjustedclose"] = BarColumn.AdjustedClose,
        ["volume"] = BarColumn.Volume,
        ["vol"] = BarColumn.Volume,
        ["bidclose"] = BarColumn.BidClose,
        ["askclose"] = BarColumn.AskClose,
    };

    // Columns some vendors add that carry nothing Tessera stores; ignored without a warning.
    private static readonly HashSet<string> KnownExtras = new(StringComparer.Ordinal)
    {
        "dividends", "stocksplits", "vwap", "tradecount", "trades", "openinterest", "unadjustedvolume", "change", "changepercent",
    };

    private BarHeader(BarColumn[] roles, string[] names, Dictionary<BarColumn, int> index)
    {
        Roles = roles;
        Names = names;
        Index = index;

        // Array lookup: IndexOf runs several times per row on the hot path.
        _positions = new int[Enum.GetValues<BarColumn>().Length];
        Array.Fill(_positions, -1);
        foreach (var (column, position) in index)
        {
            _positions[(int)column] = position;
        }
    }

    private readonly int[] _positions;

    /// <summary>Header text of each column, as written in the file (used to name fields in errors).</summary>
    public string[] Names { get; }

    public BarColumn[] Roles { get; }

    public Dictionary<BarColumn, int> Index { get; }

    public int Count => Roles.Length;

    public int IndexOf(BarColumn column) => _positions[(int)column];

    public static BarHeader Parse(ReadOnlySpan<byte> line, string source, BarImportOptions options, List<string> warnings)
    {
        Span<Range> ranges = stackalloc Range[256];
        var count = Utf8Text.Split(line, ranges);
        if (count < 0)
        {
            throw new DataImportException(source, 1, "header", Utf8Text.Show(line), ImportRules.ColumnCount);
        }

        var roles = new BarColumn[count];
        var names = new string[count];
        var index = new Dictionary<BarColumn, int>();
        for (var c = 0; c < count; c++)
        {
            var raw = Utf8Text.TrimField(line[ranges[c]]);
            var key = Normalize(raw);
            names[c] = Utf8Text.Show(raw);
            if (Aliases.TryGetValue(key, out var role))
            {
                if (!index.TryAdd(role, c))
                {
                    throw new DataImportException(source, 1, Utf8Text.Show(raw), Utf8Text.Show(line), ImportRules.DuplicateColumn);
                }

                roles[c] = role;
            }
            else if (!KnownExtras.Contains(key))
            {
                if (options.Mode == ImportMode.Strict && !options.AllowUnknownColumns)
                {
                    throw new DataImportException(source, 1, Utf8Text.Show(raw), Utf8Text.Show(line), ImportRules.UnknownColumn);
                }

                warnings.Add($"{ImportRules.UnknownColumn}: column '{Utf8Text.Show(raw)}' ignored");
            }
        }

        // Pick the close: plain close unless told to prefer the adjusted one (or only the adjusted one exists).
        if (index.TryGetValue(BarColumn.AdjustedClose, out var adj) && (!index.ContainsKey(BarColumn.Close) || options.UseAdjustedClose))
        {
            if (index.TryGetValue(BarColumn.Close, out var plain))
            {
                roles[plain] = BarColumn.Ignored;
            }

            roles[adj] = BarColumn.Close;
            index[BarColumn.Close] = adj;
            index.Remove(BarColumn.AdjustedClose);
        }
        else if (index.TryGetValue(BarColumn.AdjustedClose, out var unused))
        {
            roles[unused] = BarColumn.Ignored;
            index.Remove(BarColumn.AdjustedClose);
        }

        Require(index, BarColumn.Timestamp, "date", source, line);
        foreach (var (col, name) in new[] { (BarColumn.Open, "open"), (BarColumn.High, "high"), (BarColumn.Low, "low"), (BarColumn.Close, "close") })
        {
            Require(index, col, name, source, line);
        }

        if (!index.ContainsKey(BarColumn.Volume))
        {
            if (!options.VolumeOptional)
            {
                Require(index, BarColumn.Volume, "volume", source, line);
            }

            warnings.Add("no volume column: every volume recorded as 0 (volume optional, e.g. an index)");
        }

        if (!index.ContainsKey(BarColumn.Symbol) && options.DefaultSymbol is null)
        {
            throw new DataImportException(source, 1, "symbol", Utf8Text.Show(line), ImportRules.MissingColumn);
        }

        return new BarHeader(roles, names, index);
    }

    private static void Require(Dictionary<BarColumn, int> index, BarColumn column, string name, string source, ReadOnlySpan<byte> line)
    {
        if (!index.ContainsKey(column))
        {
            throw new DataImportException(source, 1, name, Utf8Text.Show(line), ImportRules.MissingColumn);
        }
    }

    private static string Normalize(ReadOnlySpan<byte> raw)
    {
        var sb = new StringBuilder(raw.Length);
        foreach (var ch in Utf8Text.Show(raw))
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
        }

        return sb.ToString();
    }
}
