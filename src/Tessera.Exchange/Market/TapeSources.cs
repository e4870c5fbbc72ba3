using System.Globalization;
using System.IO.Compression;
using System.Text;
using Tessera.Core.Data;
using Tessera.Core.Data.Import;
using Tessera.Core.Data.Synthetic;
using Tessera.Core.Errors;

namespace Tessera.Exchange.Market;

/// <summary>
/// Builds the tape from what --data names: "synthetic[:symbols=SPY,QQQ;date=2024-03-04;trades=20000;seed=42]" (the
/// synthetic generator: trades and quotes), or CSV files (plain or .gz; comma-separated list) read by Tessera's
/// importers: trade prints (timestamp,symbol,price,size,...) as they are, bars (minute or daily) through
/// <see cref="BarPrints"/>; a minute file's closing bid/ask become quotes at each bar's last millisecond.
/// </summary>
public static class TapeSources
{
    public const string DefaultSynthetic = "synthetic";

    public static MarketTape Load(string spec, ulong seed = 42)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        if (spec.Equals(ScanDemoMarket.Name, StringComparison.OrdinalIgnoreCase))
        {
            return ScanDemoMarket.Tape();
        }

        if (spec.StartsWith(DefaultSynthetic, StringComparison.OrdinalIgnoreCase))
        {
            return Synthetic(ParseSynthetic(spec, seed));
        }

        var trades = new List<TradeTape>();
        var quotes = new List<QuoteTape>();
        foreach (var path in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!File.Exists(path))
            {
                throw new TesseraValidationException("--data", path, "file not found");
            }

            LoadFile(path, trades, quotes);
        }

        return MarketTape.Build(trades, quotes);
    }

    public sealed record SyntheticSpec(IReadOnlyList<string> Symbols, DateOnly Date, int Trades, ulong Seed);

    public static SyntheticSpec ParseSynthetic(string spec, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var symbols = new List<string> { "SPY" };
        var date = new DateOnly(2024, 3, 4);
        var trades = 20_000;
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            foreach (var part in spec[(colon + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                var key = eq < 0 ? part : part[..eq];
                var value = eq < 0 ? string.Empty : part[(eq + 1)..];
                switch (key.ToLowerInvariant())
                {
                    case "symbols":
                        symbols = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => SymbolId.Parse(s).Ticker)];
                        break;
                    case "date":
                        date = DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                            ? d : throw new TesseraValidationException("--data date", value, "must be yyyy-MM-dd");
                        break;
                    case "trades":
                        trades = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 5_000_000
                            ? n : throw new TesseraValidationException("--data trades", value, "must be in 1..5000000");
                        break;
                    case "seed":
                        seed = ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
                            ? s : throw new TesseraValidationException("--data seed", value, "must be a non-negative integer");
                        break;
                    default:
                        throw new TesseraValidationException("--data", part, "synthetic options are symbols=, date=, trades=, seed=");
                }
            }
        }

        if (symbols.Count == 0)
        {
            throw new TesseraValidationException("--data symbols", string.Empty, "at least one symbol");
        }

        return new SyntheticSpec(symbols, date, trades, seed);
    }

    /// <summary>One synthetic session per symbol on the date (regular hours in New York), seeds derived per symbol.</summary>
    public static MarketTape Synthetic(SyntheticSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var session = Tessera.Core.Markets.NyseCalendar.Session(spec.Date)
            ?? throw new TesseraValidationException("--data date", spec.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "is not an NYSE trading day");
        var open = session.Open.UtcDateTime.TimeOfDay;
        var close = session.Close.UtcDateTime.TimeOfDay;
        var trades = new List<TradeTape>();
        var quotes = new List<QuoteTape>();
        for (var i = 0; i < spec.Symbols.Count; i++)
        {
            var generated = SyntheticSession.Generate(new SyntheticSessionSpec(spec.Symbols[i], DateTime.SpecifyKind(spec.Date.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc), spec.Seed + (ulong)(i * 7919))
            {
                Trades = spec.Trades,
                OpenPrice = 50 + (50 * ((i * 37) % 7)),
                SessionOpen = open,
                SessionClose = close,
            });
            trades.Add(generated.Trades);
            quotes.Add(generated.Quotes);
        }

        return MarketTape.Build(trades, quotes);
    }

    private static void LoadFile(string path, List<TradeTape> trades, List<QuoteTape> quotes)
    {
        var options = new BarImportOptions { Source = Path.GetFileName(path), Mode = ImportMode.Lenient, AllowUnknownColumns = true };
        if (IsTradeFile(path))
        {
            using var stream = File.OpenRead(path);
            trades.AddRange(TradeCsvImporter.Import(stream, options).Tapes);
            return;
        }

        BarImportResult bars;
        using (var stream = File.OpenRead(path))
        {
            bars = BarCsvImporter.Import(stream, options with { DefaultSymbol = BarCsvImporter.SymbolFromFileName(path) });
        }

        foreach (var series in bars.Series)
        {
            trades.Add(BarPrints.FromBars(series));
            if (bars.ClosingQuotes.TryGetValue(series.Symbol, out var closing) && !BarPrints.IsDaily(series))
            {
                var n = series.Count;
                var ts = new long[n];
                for (var k = 0; k < n; k++)
                {
                    ts[k] = series.Timestamps[k] + 59_999;
                }

                var sizes = Enumerable.Repeat(100.0, n).ToArray();
                quotes.Add(new QuoteTape(series.Symbol, ts, closing.Bid, closing.Ask, sizes, (double[])sizes.Clone()));
            }
        }
    }

    /// <summary>A trade file has price and size columns (header sniffed, gzip or not).</summary>
    private static bool IsTradeFile(string path)
    {
        using var raw = File.OpenRead(path);
        var gz = raw.ReadByte() == 0x1f && raw.ReadByte() == 0x8b;
        raw.Position = 0;
        using Stream input = gz ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        using var reader = new StreamReader(input, Encoding.UTF8);
        var header = (reader.ReadLine() ?? string.Empty).ToLowerInvariant();
        var columns = header.Split(',').Select(c => c.Trim().Trim('"')).ToHashSet(StringComparer.Ordinal);
        return columns.Contains("price") && columns.Contains("size");
    }
}
