using System.Text.Unicode;
using Tessera.Core.Errors;

namespace Tessera.Core.Data.Import;

/// <summary>
/// Imports trade prints in the format of ../shared/data (<c>timestamp,symbol,price,size,exchange,condition,suspicious</c>,
/// any column order; exchange, condition and suspicious optional). Rules per row: valid UTF-8, column count,
/// no empty required field, valid symbol, UTC timestamp, price in (0, MaxPrice], size &gt; 0 and finite, exchange a
/// single ASCII letter, condition an integer, suspicious 0/1/true/false, timestamps non-decreasing per symbol
/// (equal stamps are normal for trades). Lenient mode sorts out-of-order prints (stable) and warns.
/// </summary>
public sealed class TradeCsvImporter
{
    private enum Col
    {
        Ignored = 0,
        Timestamp,
        Symbol,
        Price,
        Size,
        Exchange,
        Condition,
        Suspicious,
    }

    private static readonly Dictionary<string, Col> Aliases = new(StringComparer.Ordinal)
    {
        ["timestamp"] = Col.Timestamp,
        ["time"] = Col.Timestamp,
        ["datetime"] = Col.Timestamp,
        ["symbol"] = Col.Symbol,
        ["ticker"] = Col.Symbol,
        ["sym"] = Col.Symbol,
        ["price"] = Col.Price,
        ["px"] = Col.Price,
        ["size"] = Col.Size,
        ["qty"] = Col.Size,
        ["quantity"] = Col.Size,
        ["exchange"] = Col.Exchange,
        ["venue"] = Col.Exchange,
        ["condition"] = Col.Condition,
        ["conditions"] = Col.Condition,
        ["suspicious"] = Col.Suspicious,
    };

    private static readonly Col[] RequiredColumns = [Col.Timestamp, Col.Symbol, Col.Price, Col.Size];

    private readonly BarImportOptions _options;
    private readonly RejectionTally _tally;
    private readonly Dictionary<string, TapeBuilder> _tapes = new(StringComparer.Ordinal);
    private readonly int[] _index = new int[8];
    private string[] _names = [];
    private int _columns;

    private TradeCsvImporter(BarImportOptions options)
    {
        _options = options;
        _tally = new RejectionTally(options.Source, options.Mode);
        Array.Fill(_index, -1);
    }

    /// <summary>Imports trades; <see cref="BarImportOptions.Mode"/>, Source, DefaultExchange and MaxPrice apply.</summary>
    public static TradeImportResult Import(Stream input, BarImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        return new TradeCsvImporter(options).Run(input);
    }

    private TradeImportResult Run(Stream input)
    {
        var source = _options.Source;
        using var reader = new Utf8LineReader(input, source);
        var line = reader.ReadHeaderLine();

        ParseHeader(line);
        Span<Range> ranges = stackalloc Range[_columns + 1];
        long rows = 0;
        while (reader.TryReadLine(out line))
        {
            _options.Limits.Check(source, reader.LineNumber, reader.BytesRead, line.IsEmpty ? rows : rows + 1);
            if (line.IsEmpty)
            {
                continue;
            }

            rows++;
            ProcessRow(line, reader.LineNumber, ranges);
        }

        if (rows == 0)
        {
            throw new DataImportException(source, 0, "file", null, ImportRules.NoDataRows);
        }

        var tapes = new List<TradeTape>();
        long accepted = 0;
        var reordered = 0;
        foreach (var b in _tapes.Values.OrderBy(t => t.Symbol, StringComparer.Ordinal))
        {
            var (tape, moved) = b.Build();
            reordered += moved;
            accepted += tape.Count;
            tapes.Add(tape);
        }

        if (reordered > 0)
        {
            _tally.Warnings.Add($"{ImportRules.NotIncreasing}: {reordered} prints were out of time order and have been sorted");
        }

        var report = new ImportReport(source, _options.Mode, rows, accepted, tapes.Count, _tally.ToList(), _tally.Warnings, reader.BytesRead);
        return new TradeImportResult(tapes, report);
    }

    private void ParseHeader(ReadOnlySpan<byte> line)
    {
        Span<Range> ranges = stackalloc Range[256];
        var count = Utf8Text.Split(line, ranges);
        if (count < 0)
        {
            throw new DataImportException(_options.Source, 1, "header", Utf8Text.Show(line), ImportRules.ColumnCount);
        }

        _columns = count;
        _names = new string[count];
        for (var c = 0; c < count; c++)
        {
            var name = Utf8Text.Show(Utf8Text.TrimField(line[ranges[c]]));
            _names[c] = name;
            var key = new string(name.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
            if (!Aliases.TryGetValue(key, out var col))
            {
                if (_options.Mode == ImportMode.Strict && !_options.AllowUnknownColumns)
                {
                    throw new DataImportException(_options.Source, 1, name, Utf8Text.Show(line), ImportRules.UnknownColumn);
                }

                _tally.Warnings.Add($"{ImportRules.UnknownColumn}: column '{name}' ignored");
                continue;
            }

            if (_index[(int)col] >= 0)
            {
                throw new DataImportException(_options.Source, 1, name, Utf8Text.Show(line), ImportRules.DuplicateColumn);
            }

            _index[(int)col] = c;
        }

        foreach (var (col, name) in new[] { (Col.Timestamp, "timestamp"), (Col.Symbol, "symbol"), (Col.Price, "price"), (Col.Size, "size") })
        {
            if (_index[(int)col] < 0)
            {
                throw new DataImportException(_options.Source, 1, name, Utf8Text.Show(line), ImportRules.MissingColumn);
            }
        }
    }

    private ReadOnlySpan<byte> Get(ReadOnlySpan<byte> line, Span<Range> ranges, Col col) => Utf8Text.TrimField(line[ranges[_index[(int)col]]]);

    private void ProcessRow(ReadOnlySpan<byte> line, long ln, Span<Range> ranges)
    {
        if (!Utf8.IsValid(line))
        {
            _tally.Reject(ln, "row", line, ImportRules.InvalidUtf8);
            return;
        }

        if (Utf8Text.Split(line, ranges) != _columns)
        {
            _tally.Reject(ln, "row", line, ImportRules.ColumnCount);
            return;
        }

        foreach (var col in RequiredColumns)
        {
            if (Get(line, ranges, col).IsEmpty)
            {
                _tally.Reject(ln, _names[_index[(int)col]], string.Empty, ImportRules.MissingField);
                return;
            }
        }

        var rawSymbol = Get(line, ranges, Col.Symbol);
        var tape = Tape(rawSymbol, ln);
        if (tape is null)
        {
            return;
        }

        var tsText = Get(line, ranges, Col.Timestamp);
        var parsed = Utf8Timestamp.TryParse(tsText, out var ts);
        if (parsed != TimestampParse.Ok)
        {
            _tally.Reject(ln, "timestamp", tsText, parsed == TimestampParse.NotUtc ? ImportRules.TimestampNotUtc : ImportRules.InvalidTimestamp);
            return;
        }

        var priceText = Get(line, ranges, Col.Price);
        if (!Utf8Number.TryParse(priceText, out var price))
        {
            _tally.Reject(ln, "price", priceText, ImportRules.NotANumber);
            return;
        }

        if (!double.IsFinite(price) || price <= 0 || price > _options.MaxPrice)
        {
            _tally.Reject(ln, "price", priceText, !double.IsFinite(price) ? ImportRules.NonFinite : price <= 0 ? ImportRules.NonPositivePrice : ImportRules.OutOfRange);
            return;
        }

        var sizeText = Get(line, ranges, Col.Size);
        if (!Utf8Number.TryParse(sizeText, out var size))
        {
            _tally.Reject(ln, "size", sizeText, ImportRules.NotANumber);
            return;
        }

        if (!double.IsFinite(size) || size <= 0 || size > _options.MaxVolume)
        {
            _tally.Reject(ln, "size", sizeText, !double.IsFinite(size) ? ImportRules.NonFinite : ImportRules.OutOfRange);
            return;
        }

        byte exchange = 0;
        if (_index[(int)Col.Exchange] >= 0)
        {
            var ex = Get(line, ranges, Col.Exchange);
            if (ex.Length > 1 || (ex.Length == 1 && !char.IsAsciiLetter((char)ex[0])))
            {
                _tally.Reject(ln, "exchange", ex, ImportRules.InvalidVenue);
                return;
            }

            exchange = ex.Length == 1 ? ex[0] : (byte)0;
        }

        var condition = 0;
        if (_index[(int)Col.Condition] >= 0)
        {
            var text = Get(line, ranges, Col.Condition);
            if (text.Length > 0 && !int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out condition))
            {
                _tally.Reject(ln, "condition", text, ImportRules.NotANumber);
                return;
            }
        }

        var suspicious = false;
        if (_index[(int)Col.Suspicious] >= 0)
        {
            var text = Get(line, ranges, Col.Suspicious);
            if (text.SequenceEqual("1"u8) || text.SequenceEqual("true"u8) || text.SequenceEqual("True"u8))
            {
                suspicious = true;
            }
            else if (!(text.IsEmpty || text.SequenceEqual("0"u8) || text.SequenceEqual("false"u8) || text.SequenceEqual("False"u8)))
            {
                _tally.Reject(ln, "suspicious", text, ImportRules.InvalidFlag);
                return;
            }
        }

        if (_options.Mode == ImportMode.Strict && ts < tape.LastTimestamp)
        {
            throw new DataImportException(_options.Source, ln, "timestamp", Utf8Text.Show(tsText), ImportRules.NotIncreasing);
        }

        tape.Add(ts, price, size, exchange, condition, suspicious);
    }

    private TapeBuilder? Tape(ReadOnlySpan<byte> raw, long ln)
    {
        if (_tapes.Count > 0 && _lastRaw is not null && raw.SequenceEqual(_lastRaw))
        {
            return _lastTape;
        }

        string key;
        try
        {
            var id = SymbolId.Parse(Utf8Text.Decode(raw));
            if (id.Exchange.Length == 0 && _options.DefaultExchange.Length > 0)
            {
                id = SymbolId.Parse(_options.DefaultExchange + ":" + id.Ticker);
            }

            key = id.ToString();
        }
        catch (TesseraValidationException ex)
        {
            _tally.Reject(ln, "symbol", raw, ex.Rule);
            return null;
        }

        if (!_tapes.TryGetValue(key, out var tape))
        {
            tape = new TapeBuilder(key);
            _tapes.Add(key, tape);
        }

        _lastRaw = raw.ToArray();
        _lastTape = tape;
        return tape;
    }

    private byte[]? _lastRaw;
    private TapeBuilder? _lastTape;

    private sealed class TapeBuilder(string symbol)
    {
        private readonly List<long> _ts = [];
        private readonly List<double> _price = [];
        private readonly List<double> _size = [];
        private readonly List<byte> _exchange = [];
        private readonly List<int> _condition = [];
        private readonly List<bool> _suspicious = [];
        private bool _outOfOrder;

        public string Symbol { get; } = symbol;

        public long LastTimestamp => _ts.Count == 0 ? long.MinValue : _ts[^1];

        public int Count => _ts.Count;

        public void Add(long ts, double price, double size, byte exchange, int condition, bool suspicious)
        {
            if (ts < LastTimestamp)
            {
                _outOfOrder = true;
            }

            _ts.Add(ts);
            _price.Add(price);
            _size.Add(size);
            _exchange.Add(exchange);
            _condition.Add(condition);
            _suspicious.Add(suspicious);
        }

        public (TradeTape Tape, int Reordered) Build()
        {
            var n = _ts.Count;
            var order = Enumerable.Range(0, n).ToArray();
            var reordered = 0;
            if (_outOfOrder)
            {
                var keys = _ts.ToArray();
                Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
                for (var k = 1; k < n; k++)
                {
                    if (order[k] < order[k - 1])
                    {
                        reordered++;
                    }
                }
            }

            var ts = new long[n];
            var price = new double[n];
            var size = new double[n];
            var exchange = new byte[n];
            var condition = new int[n];
            var suspicious = new bool[n];
            for (var k = 0; k < n; k++)
            {
                var s = order[k];
                ts[k] = _ts[s];
                price[k] = _price[s];
                size[k] = _size[s];
                exchange[k] = _exchange[s];
                condition[k] = _condition[s];
                suspicious[k] = _suspicious[s];
            }

            return (new TradeTape(Symbol, ts, price, size, exchange, condition, suspicious), reordered);
        }
    }
}
