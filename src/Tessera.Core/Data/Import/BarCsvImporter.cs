using System.Runtime.CompilerServices;
using System.Text.Unicode;
using Tessera.Core.Errors;

namespace Tessera.Core.Data.Import;

/// <summary>
/// Imports OHLCV bars from CSV: long format (<c>symbol,date,open,high,low,close,volume</c> in any column order,
/// header aliases), one file per symbol (<see cref="BarImportOptions.DefaultSymbol"/>), and minute bars with
/// closing quotes. Input is a stream (plain or gzip, detected by magic bytes) parsed as UTF-8 spans with no
/// per-field allocation. Row rules, in the order they are checked: valid UTF-8, column count, no empty field,
/// valid symbol, UTC timestamp, numbers parse and are finite, prices in (0, MaxPrice], volume in [0, MaxVolume],
/// low <= open, close <= high (which implies high >= low), bid <= ask, then per symbol strictly increasing timestamps.
/// </summary>
public sealed class BarCsvImporter
{
    private readonly BarImportOptions _options;
    private readonly RejectionTally _tally;
    private readonly Dictionary<string, SeriesBuilder> _builders = new(StringComparer.Ordinal);
    private readonly byte[] _lastSymbol = new byte[256];
    private BarHeader _header = null!;
    private int _lastSymbolLength = -1;
    private SeriesBuilder? _current;
    private string? _currentSymbolError;
    private long _rowsAdded;

    private readonly long _earliestMs;
    private readonly long _latestMs;
    private readonly string _rangeRule;

    private BarCsvImporter(BarImportOptions options)
    {
        _options = options;
        _tally = new RejectionTally(options.Source, options.Mode);
        var latest = options.AsOfUtc is { } now ? now.ToUniversalTime().AddDays(ImportLimits.FutureToleranceDays) : ImportLimits.LatestWithoutClockUtc;
        _earliestMs = BarSeries.ToUnixMs(ImportLimits.EarliestUtc);
        _latestMs = BarSeries.ToUnixMs(latest);
        _rangeRule = ImportRules.TimestampOutOfRange + ": a bar is dated from " + ImportLimits.EarliestUtc.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            + (options.AsOfUtc is null ? " to before " + latest.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : $" to at most {ImportLimits.FutureToleranceDays} days after today ({latest.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)})");
    }

    public static BarImportResult Import(Stream input, BarImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        return new BarCsvImporter(options).Run(input);
    }

    /// <summary>The symbol a one-file-per-symbol file stands for: its name without directories and .csv/.txt/.gz extensions.</summary>
    public static string SymbolFromFileName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = fileName.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        foreach (var ext in new[] { ".gz", ".csv", ".txt" })
        {
            if (name.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^ext.Length];
            }
        }

        return name;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per-row hot path: fully optimized from the first call, no tier-0 phase in a short CLI run (docs/benchmarks/coldstart.md)
    private BarImportResult Run(Stream input)
    {
        var source = _options.Source;
        if (_options.DefaultExchange.Length > 0 && !SymbolId.IsExchange(_options.DefaultExchange.ToUpperInvariant()))
        {
            throw new DataImportException(source, 0, "exchange", _options.DefaultExchange, SymbolId.ExchangeRule);
        }

        var limits = _options.Limits;
        using var reader = new Utf8LineReader(input, source);
        var line = reader.ReadHeaderLine();

        _header = BarHeader.Parse(line, source, _options, _tally.Warnings);
        WithQuotes = _header.IndexOf(BarColumn.BidClose) >= 0 && _header.IndexOf(BarColumn.AskClose) >= 0;
        if (_header.IndexOf(BarColumn.Symbol) < 0)
        {
            _current = ResolveDefaultSymbol();
        }

        Span<Range> ranges = stackalloc Range[_header.Count + 1];
        long dataRows = 0;
        while (reader.TryReadLine(out line))
        {
            limits.Check(source, reader.LineNumber, reader.BytesRead, line.IsEmpty ? dataRows : dataRows + 1);
            if (line.IsEmpty)
            {
                continue;
            }

            dataRows++;
            ProcessRow(line, reader.LineNumber, ranges);
        }

        if (dataRows == 0)
        {
            throw new DataImportException(source, 0, "file", null, ImportRules.NoDataRows);
        }

        return Finish(dataRows, reader.BytesRead);
    }

    private SeriesBuilder ResolveDefaultSymbol()
    {
        try
        {
            var key = Canonical(_options.DefaultSymbol!);
            var builder = new SeriesBuilder(key, WithQuotes);
            _builders.Add(key, builder);
            return builder;
        }
        catch (TesseraValidationException ex)
        {
            throw new DataImportException(_options.Source, 0, "symbol", _options.DefaultSymbol, ex.Rule);
        }
    }

    private bool WithQuotes { get; set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per-row hot path: fully optimized from the first call, no tier-0 phase in a short CLI run (docs/benchmarks/coldstart.md)
    private void ProcessRow(ReadOnlySpan<byte> line, long ln, Span<Range> ranges)
    {
        if (!Utf8.IsValid(line))
        {
            _tally.Reject(ln, "row", line, ImportRules.InvalidUtf8);
            return;
        }

        var count = Utf8Text.Split(line, ranges);
        if (count != _header.Count)
        {
            _tally.Reject(ln, "row", line, ImportRules.ColumnCount);
            return;
        }

        // Each field is trimmed once, here, in place: every later read of a field uses its trimmed range.
        var roles = _header.Roles;
        for (var c = 0; c < count; c++)
        {
            ranges[c] = Utf8Text.TrimFieldRange(line, ranges[c]);
        }

        for (var c = 0; c < count; c++)
        {
            if (roles[c] is not (BarColumn.Ignored or BarColumn.BidClose or BarColumn.AskClose) && line[ranges[c]].IsEmpty)
            {
                _tally.Reject(ln, _header.Names[c], string.Empty, ImportRules.MissingField);
                return;
            }
        }

        var builder = _current;
        var symbolIndex = _header.IndexOf(BarColumn.Symbol);
        if (symbolIndex >= 0)
        {
            var raw = line[ranges[symbolIndex]];
            if (!raw.SequenceEqual(_lastSymbol.AsSpan(0, Math.Max(0, _lastSymbolLength))) || _lastSymbolLength < 0)
            {
                SwitchSymbol(raw);
            }

            if (_currentSymbolError is not null)
            {
                _tally.Reject(ln, "symbol", raw, _currentSymbolError);
                return;
            }

            builder = _current;
        }

        var tsField = line[ranges[_header.IndexOf(BarColumn.Timestamp)]];
        var parsed = Utf8Timestamp.TryParse(tsField, out var ts);
        if (parsed != TimestampParse.Ok)
        {
            _tally.Reject(ln, "timestamp", tsField, parsed == TimestampParse.NotUtc ? ImportRules.TimestampNotUtc : ImportRules.InvalidTimestamp);
            return;
        }

        if (ts < _earliestMs || ts > _latestMs)
        {
            _tally.Reject(ln, "timestamp", tsField, _rangeRule);
            return;
        }

        if (!Price(line, ranges, BarColumn.Open, "open", ln, out var open) ||
            !Price(line, ranges, BarColumn.High, "high", ln, out var high) ||
            !Price(line, ranges, BarColumn.Low, "low", ln, out var low) ||
            !Price(line, ranges, BarColumn.Close, "close", ln, out var close) ||
            !Volume(line, ranges, ln, out var volume))
        {
            return;
        }

        // One rule covers every OHLC inconsistency: when high < low no open can lie in [low, high], so a
        // high-below-low row is always reported here too, naming the open.
        if (open < low || open > high)
        {
            _tally.Reject(ln, "open", Field(line, ranges, BarColumn.Open), ImportRules.OhlcInconsistent);
            return;
        }

        if (close < low || close > high)
        {
            _tally.Reject(ln, "close", Field(line, ranges, BarColumn.Close), ImportRules.OhlcInconsistent);
            return;
        }

        // Closing quotes are optional per bar (no quote in force, e.g. pre-market): NaN marks the absence.
        double bid = double.NaN, ask = double.NaN;
        if (WithQuotes && !Field(line, ranges, BarColumn.BidClose).IsEmpty && !Field(line, ranges, BarColumn.AskClose).IsEmpty)
        {
            if (!Price(line, ranges, BarColumn.BidClose, "bid_close", ln, out bid) || !Price(line, ranges, BarColumn.AskClose, "ask_close", ln, out ask))
            {
                return;
            }

            if (bid > ask)
            {
                _tally.Reject(ln, "bid_close", Field(line, ranges, BarColumn.BidClose), ImportRules.CrossedQuote);
                return;
            }
        }

        if (_options.Mode == ImportMode.Strict && ts <= builder!.LastTimestamp)
        {
            var rule = ts == builder.LastTimestamp ? ImportRules.DuplicateTimestamp : ImportRules.NotIncreasing;
            throw new DataImportException(_options.Source, ln, "timestamp", Utf8Text.Show(tsField), rule);
        }

        builder!.Add(ts, open, high, low, close, volume, bid, ask, ln);
        _rowsAdded++;
    }

    private void SwitchSymbol(ReadOnlySpan<byte> raw)
    {
        _current = null;
        _currentSymbolError = null;
        if (raw.Length > _lastSymbol.Length)
        {
            _lastSymbolLength = -1;
            _currentSymbolError = SymbolId.TickerRule;
            return;
        }

        raw.CopyTo(_lastSymbol);
        _lastSymbolLength = raw.Length;
        string key;
        try
        {
            key = Canonical(Utf8Text.Decode(raw));
        }
        catch (TesseraValidationException ex)
        {
            _currentSymbolError = ex.Rule;
            return;
        }

        if (!_builders.TryGetValue(key, out var builder))
        {
            // A file sorted by symbol has about as many rows per symbol as the ones before: size the new builder by the
            // average so far. (Not the largest: one long series followed by many short ones would reserve its length
            // for each of them; the average bounds the total reserve by rows x ln(symbols).)
            var hint = _builders.Count == 0 ? 0 : (int)Math.Min(_rowsAdded / _builders.Count, SeriesBuilder.MaxCapacityHint);
            builder = new SeriesBuilder(key, WithQuotes, hint);
            _builders.Add(key, builder);
        }

        _current = builder;
    }

    private string Canonical(string text)
    {
        var id = SymbolId.Parse(text);
        if (id.Exchange.Length == 0 && _options.DefaultExchange.Length > 0)
        {
            id = SymbolId.Parse(_options.DefaultExchange + ":" + id.Ticker);
        }

        return id.ToString();
    }

    /// <summary>The trimmed field of <paramref name="column"/> (<paramref name="ranges"/> hold trimmed ranges, see <see cref="ProcessRow"/>).</summary>
    private ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, Span<Range> ranges, BarColumn column) => line[ranges[_header.IndexOf(column)]];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per-row hot path: fully optimized from the first call, no tier-0 phase in a short CLI run (docs/benchmarks/coldstart.md)
    private bool Number(ReadOnlySpan<byte> text, string name, long ln, out double value)
    {
        if (!Utf8Number.TryParse(text, out value))
        {
            _tally.Reject(ln, name, text, ImportRules.NotANumber);
            return false;
        }

        if (!double.IsFinite(value))
        {
            _tally.Reject(ln, name, text, ImportRules.NonFinite);
            return false;
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per-row hot path: fully optimized from the first call, no tier-0 phase in a short CLI run (docs/benchmarks/coldstart.md)
    private bool Price(ReadOnlySpan<byte> line, Span<Range> ranges, BarColumn column, string name, long ln, out double value)
    {
        var text = Field(line, ranges, column);
        if (!Number(text, name, ln, out value))
        {
            return false;
        }

        if (value <= 0)
        {
            _tally.Reject(ln, name, text, ImportRules.NonPositivePrice);
            return false;
        }

        if (value > _options.MaxPrice)
        {
            _tally.Reject(ln, name, text, ImportRules.OutOfRange);
            return false;
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per-row hot path: fully optimized from the first call, no tier-0 phase in a short CLI run (docs/benchmarks/coldstart.md)
    private bool Volume(ReadOnlySpan<byte> line, Span<Range> ranges, long ln, out double value)
    {
        if (_header.IndexOf(BarColumn.Volume) < 0)
        {
            value = 0; // VolumeOptional and the file has none (checked when the header was read)
            return true;
        }

        var text = Field(line, ranges, BarColumn.Volume);
        if (!Number(text, "volume", ln, out value))
        {
            return false;
        }

        if (value < 0)
        {
            _tally.Reject(ln, "volume", text, ImportRules.NegativeVolume);
            return false;
        }

        if (value > _options.MaxVolume)
        {
            _tally.Reject(ln, "volume", text, ImportRules.OutOfRange);
            return false;
        }

        return true;
    }

    private BarImportResult Finish(long dataRows, long bytesRead)
    {
        var series = new List<BarSeries>(_builders.Count);
        var quotes = new Dictionary<string, ClosingQuotes>(StringComparer.Ordinal);
        var reordered = 0;
        long accepted = 0;
        foreach (var builder in _builders.Values.OrderBy(b => b.Symbol, StringComparer.Ordinal))
        {
            if (builder.Count == 0)
            {
                continue;
            }

            var (s, q, moved) = builder.Build(_tally);
            reordered += moved;
            accepted += s.Count;
            series.Add(s);
            if (q is not null)
            {
                quotes.Add(s.Symbol, q);
            }
        }

        if (reordered > 0)
        {
            _tally.Warnings.Add($"{ImportRules.NotIncreasing}: {reordered} rows were out of time order and have been sorted");
        }

        var report = new ImportReport(_options.Source, _options.Mode, dataRows, accepted, series.Count, _tally.ToList(), _tally.Warnings, bytesRead);
        return new BarImportResult(series, quotes, report);
    }
}
