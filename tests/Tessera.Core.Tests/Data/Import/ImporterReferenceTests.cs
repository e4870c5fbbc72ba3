using System.Globalization;
using System.IO.Compression;
using System.Text;
using Tessera.Core.Data;
using Tessera.Core.Data.Import;
using Tessera.Testing;
using Xunit;

namespace Tessera.Core.Tests.Data.Import;

/// <summary>
/// The importer's bars against an independent reference: each accepted line parsed with <see cref="string.Split(char)"/>,
/// <see cref="string.Trim()"/>, <see cref="double.Parse(string, IFormatProvider)"/> and <see cref="DateOnly.ParseExact(string, string, IFormatProvider)"/>,
/// sorted per symbol by (date, line) with the later of two equal dates kept. Bars must be bit-identical (the cold-path
/// work of issue 18 changed how rows are parsed and stored, not what they parse to). The error paths keep their own
/// tests with the exact typed errors (BarCsvImporterTests, MalformedCorpusTests, HardeningImportTests).
/// </summary>
public sealed class ImporterReferenceTests
{
    private const string SpFile = "sp500-daily-2013-2018.csv.gz";

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Synthetic_file_parses_to_the_reference_bars(bool dateSorted, bool gzip)
    {
        var text = SyntheticCsv(seed: 18, symbols: 37, days: 300, dateSorted);
        var bytes = Encoding.UTF8.GetBytes(text);
        if (gzip)
        {
            using var packed = new MemoryStream();
            using (var z = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
            {
                z.Write(bytes);
            }

            bytes = packed.ToArray();
        }

        using var input = new MemoryStream(bytes);
        var result = BarCsvImporter.Import(input, new BarImportOptions { Mode = ImportMode.Lenient, Source = "synthetic.csv" });
        var reference = Reference(new StringReader(text), skipLines: new HashSet<long>());

        AssertSameBars(reference, result);
        // Every duplicate (same symbol and date) drops its earlier line and nothing else is dropped.
        Assert.Equal(result.Report.DataRows - result.TotalBars, result.Report.For(ImportRules.DuplicateTimestamp)?.Count ?? 0);
    }

    [SharedDataFact(SpFile)]
    public void Sp500_file_parses_to_the_reference_bars_except_the_23_rejected_lines()
    {
        var path = SharedData.Path_(SpFile);
        BarImportResult result;
        using (var file = File.OpenRead(path))
        {
            result = BarCsvImporter.Import(file, new BarImportOptions { Mode = ImportMode.Lenient, Source = SpFile });
        }

        var rejected = result.Report.Rejections.SelectMany(r => r.Rows).Select(r => r.Line).ToHashSet();
        Assert.Equal(23, rejected.Count);
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gz, Encoding.UTF8);
        AssertSameBars(Reference(reader, rejected), result);
    }

    private static void AssertSameBars(SortedDictionary<string, List<(long Line, long Ts, double[] Values)>> reference, BarImportResult result)
    {
        Assert.Equal(reference.Keys, result.Series.Select(s => s.Symbol));
        foreach (var series in result.Series)
        {
            var rows = reference[series.Symbol];
            Assert.Equal(rows.Count, series.Count);
            for (var k = 0; k < rows.Count; k++)
            {
                var (line, ts, v) = rows[k];
                Assert.True(ts == series.Timestamps[k], $"{series.Symbol} line {line}: timestamp");
                double[] got = [series.Open[k], series.High[k], series.Low[k], series.Close[k], series.Volume[k]];
                for (var j = 0; j < 5; j++)
                {
                    Assert.True(BitConverter.DoubleToInt64Bits(v[j]) == BitConverter.DoubleToInt64Bits(got[j]), $"{series.Symbol} line {line} column {j}: {v[j]:R} expected, {got[j]:R} imported");
                }
            }
        }
    }

    /// <summary>symbol,date,open,high,low,close,volume (this column order) with blanks and quotes allowed around a field.</summary>
    private static SortedDictionary<string, List<(long Line, long Ts, double[] Values)>> Reference(TextReader reader, IReadOnlySet<long> skipLines)
    {
        var bySymbol = new SortedDictionary<string, List<(long Line, long Ts, double[] Values)>>(StringComparer.Ordinal);
        reader.ReadLine(); // header
        long lineNo = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0 || skipLines.Contains(lineNo))
            {
                continue;
            }

            var f = line.Split(',').Select(Unquote).ToArray();
            var date = DateOnly.ParseExact(f[1], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var ts = (date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber) * 86_400_000L;
            var values = f[2..7].Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            var symbol = f[0].ToUpperInvariant();
            if (!bySymbol.TryGetValue(symbol, out var rows))
            {
                bySymbol[symbol] = rows = [];
            }

            rows.Add((lineNo, ts, values));
        }

        foreach (var symbol in bySymbol.Keys.ToList())
        {
            var sorted = bySymbol[symbol].OrderBy(r => r.Ts).ThenBy(r => r.Line).ToList();
            bySymbol[symbol] = sorted.Where((r, k) => k + 1 == sorted.Count || sorted[k + 1].Ts != r.Ts).ToList();
        }

        return bySymbol;
    }

    private static string Unquote(string field)
    {
        field = field.Trim(' ');
        return field.Length >= 2 && field[0] == '"' && field[^1] == '"' ? field[1..^1].Trim(' ') : field;
    }

    /// <summary>
    /// Valid rows in the many spellings a price takes (integers, 1 to 6 decimals, trailing zeros, a leading dot, 15 and
    /// 17 significant digits that leave the fast path), blanks and quotes around fields, mixed-case symbols, CRLF on
    /// some lines, a few rows out of time order and a few duplicates (keep-last).
    /// </summary>
    private static string SyntheticCsv(int seed, int symbols, int days, bool dateSorted)
    {
        var random = new Random(seed);
        var rows = new List<string>();
        for (var s = 0; s < symbols; s++)
        {
            var symbol = "S" + s.ToString(CultureInfo.InvariantCulture) + (s % 3 == 0 ? "x" : string.Empty);
            var price = 5 + (random.NextDouble() * 500);
            for (var d = 0; d < days; d++)
            {
                price *= 1 + ((random.NextDouble() - 0.5) * 0.04);
                var low = price * (1 - (random.NextDouble() * 0.02));
                var high = price * (1 + (random.NextDouble() * 0.02));
                var open = low + ((high - low) * random.NextDouble());
                var close = low + ((high - low) * random.NextDouble());
                // One spelling per row for all four prices: rounding them alike keeps low <= high.
                var decimals = random.Next(0, 7);
                var spelling = random.Next(40);
                var date = new DateOnly(2015, 1, 1).AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                string P(double x) => spelling switch
                {
                    0 => x.ToString("R", CultureInfo.InvariantCulture),
                    1 => x.ToString("F15", CultureInfo.InvariantCulture),
                    2 => " \"" + x.ToString("F2", CultureInfo.InvariantCulture) + "\" ",
                    3 => x.ToString("F4", CultureInfo.InvariantCulture) + "00",
                    _ => x.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
                };

                // Rounding can still move the open or close outside [low, high]: then it takes the printed low or high.
                var (lo, hi) = (P(low), P(high));
                var (loV, hiV) = (double.Parse(Unquote(lo), CultureInfo.InvariantCulture), double.Parse(Unquote(hi), CultureInfo.InvariantCulture));
                var op = P(open);
                var cl = P(close);
                if (double.Parse(Unquote(op), CultureInfo.InvariantCulture) is var o && (o < loV || o > hiV))
                {
                    op = lo;
                }

                if (double.Parse(Unquote(cl), CultureInfo.InvariantCulture) is var c && (c < loV || c > hiV))
                {
                    cl = hi;
                }

                var volume = random.Next(10) == 0 ? "0" : random.Next(1, 50_000_000).ToString(CultureInfo.InvariantCulture);
                var sym = random.Next(5) == 0 ? symbol.ToLowerInvariant() : symbol.ToUpperInvariant();
                var row = $"{sym},{date},{op},{hi},{lo},{cl},{volume}" + (random.Next(7) == 0 ? "\r" : string.Empty);
                rows.Add(row);
                if (random.Next(150) == 0)
                {
                    rows.Add(row); // duplicate
                }
            }
        }

        if (dateSorted)
        {
            rows = rows.OrderBy(r => r.Split(',')[1], StringComparer.Ordinal).ToList();
        }

        for (var k = 0; k + 1 < rows.Count; k += 97)
        {
            (rows[k], rows[k + 1]) = (rows[k + 1], rows[k]); // a few rows out of time order
        }

        return "symbol,date,open,high,low,close,volume\n" + string.Join('\n', rows) + "\n";
    }
}
