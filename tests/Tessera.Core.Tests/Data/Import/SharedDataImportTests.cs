using Tessera.Core.Data;
using Tessera.Core.Data.Import;
using Tessera.Testing;
using Xunit;

namespace Tessera.Core.Tests.Data.Import;

/// <summary>
/// The real S&amp;P 500 file. Reference counts and line numbers were derived independently with awk over the
/// decompressed file (header = line 1): 619,040 data rows, 505 symbols, 11 rows with an empty field and 12 rows
/// whose open or close lies outside [low, high]; 619,040 - 23 = 619,017 valid rows.
/// </summary>
public sealed class SharedDataImportTests
{
    private const string SpFile = "sp500-daily-2013-2018.csv.gz";

    private const int EmptyQuoteRows = 12;

    private static readonly long[] EmptyFieldLines = [82951, 166995, 167118, 202560, 241093, 428088, 428211, 481114, 555697, 583167, 598238];

    private static readonly long[] OutsideRangeLines = [54263, 78686, 114623, 115911, 166832, 301827, 350737, 427875, 427925, 514847, 555742, 598460];

    [SharedDataFact(SpFile)]
    public void Lenient_import_of_sp500_keeps_619017_rows_of_505_symbols_and_reports_every_dropped_line()
    {
        using var file = File.OpenRead(SharedData.Path_(SpFile));
        var result = BarCsvImporter.Import(file, new BarImportOptions { Mode = ImportMode.Lenient, Source = SpFile });
        var report = result.Report;

        Assert.Equal(619_040, report.DataRows);
        Assert.Equal(619_017, report.RowsAccepted);
        Assert.Equal(619_017, result.TotalBars);
        Assert.Equal(505, report.Symbols);
        Assert.Equal(505, result.Series.Count);
        Assert.Equal(new[] { ImportRules.OhlcInconsistent, ImportRules.MissingField }, report.Rejections.Select(r => r.Rule).Order(StringComparer.Ordinal));

        var empty = report.For(ImportRules.MissingField)!;
        Assert.Equal(11, empty.Count);
        Assert.Equal(EmptyFieldLines, empty.Rows.Select(r => r.Line));
        Assert.Equal("open", empty.Rows[0].Field);

        var outside = report.For(ImportRules.OhlcInconsistent)!;
        Assert.Equal(12, outside.Count);
        Assert.Equal(OutsideRangeLines, outside.Rows.Select(r => r.Line));

        // Line 54263 is "AOS,2014-05-19,23.89,23.595,23.85,24.445,1944854": the open is above the high (and high < low).
        Assert.Equal(new RowRejection(54263, "open", "23.89"), outside.Rows[0]);

        var aapl = result.Series.Single(s => s.Symbol == "AAPL");
        Assert.Equal(new DateTime(2013, 2, 8, 0, 0, 0, DateTimeKind.Utc), BarSeries.ToUtc(aapl.Timestamps[0]));
        Assert.True(Array.TrueForAll(result.Series.ToArray(), s => IsStrictlyIncreasing(s.Timestamps)));
    }

    [SharedDataFact(SpFile)]
    public void Strict_import_of_sp500_fails_on_line_54263_naming_file_field_and_rule()
    {
        using var file = File.OpenRead(SharedData.Path_(SpFile));
        var ex = Assert.Throws<DataImportException>(() => BarCsvImporter.Import(file, new BarImportOptions { Mode = ImportMode.Strict, Source = SpFile }));
        Assert.Equal(SpFile, ex.FileName);
        Assert.Equal(54263, ex.Line);
        Assert.Equal("open", ex.Field);
        Assert.Equal(ImportRules.OhlcInconsistent, ex.Rule);
        Assert.Contains("sp500-daily-2013-2018.csv.gz:54263", ex.Message, StringComparison.Ordinal);
    }

    [SharedDataFact("spy-trades-2013-10-07.csv.gz")]
    public void Trades_file_imports_all_250601_prints_in_time_order()
    {
        using var file = File.OpenRead(SharedData.Path_("spy-trades-2013-10-07.csv.gz"));
        var result = TradeCsvImporter.Import(file, new BarImportOptions { Mode = ImportMode.Strict, Source = "spy-trades" });
        var tape = result.Tapes.Single();
        Assert.Equal("SPY", tape.Symbol);
        Assert.Equal(250_601, tape.Count);
        Assert.Equal(new DateTime(2013, 10, 7, 8, 0, 0, 464, DateTimeKind.Utc), BarSeries.ToUtc(tape.Timestamps[0]));
        Assert.Equal(167.41, tape.Price[0]);
        Assert.Equal(100, tape.Size[0]);
        Assert.Equal((byte)'P', tape.Exchange[0]);
        Assert.Equal(20002000, tape.Condition[0]);
        Assert.DoesNotContain(true, tape.Suspicious);
    }

    [SharedDataFact("spy-minute-2013-10-07.csv")]
    public void Minute_bars_import_with_their_closing_quotes()
    {
        using var file = File.OpenRead(SharedData.Path_("spy-minute-2013-10-07.csv"));
        var result = BarCsvImporter.Import(file, new BarImportOptions { Mode = ImportMode.Strict, Source = "spy-minute" });
        var bars = result.Series.Single();
        Assert.Equal(828, bars.Count);
        Assert.Equal(167.27, bars.Close[0]);
        Assert.Equal(3197, bars.Volume[0]);
        var quotes = result.ClosingQuotes["SPY"];
        Assert.Equal(167.25, quotes.Bid[0]);
        Assert.Equal(167.27, quotes.Ask[0]);
        Assert.Equal(60_000, bars.Timestamps[1] - bars.Timestamps[0]);

        // Line 21 (2013-10-07T08:20Z, pre-market) has no closing quote: kept as a bar, quote NaN.
        Assert.True(double.IsNaN(quotes.Bid[19]) && double.IsNaN(quotes.Ask[19]));
        Assert.Equal(EmptyQuoteRows, quotes.Bid.Count(double.IsNaN));
    }

    [SharedDataFact("us-etf-daily-1998-2021.csv", "vix-daily-1990-2026.csv")]
    public void Etf_and_vix_files_import_through_the_same_importer()
    {
        using (var etf = File.OpenRead(SharedData.Path_("us-etf-daily-1998-2021.csv")))
        {
            var result = BarCsvImporter.Import(etf, new BarImportOptions { Mode = ImportMode.Lenient, Source = "etf" });
            Assert.Equal(["AAPL", "EEM", "IBM", "IWM", "QQQ", "SPY"], result.Series.Select(s => s.Symbol));
            Assert.Equal(result.Report.DataRows, result.Report.RowsAccepted + result.Report.RowsRejected);
        }

        // The VIX file has no volume column: it is refused naming the column, as any bar file without volume.
        using var vix = File.OpenRead(SharedData.Path_("vix-daily-1990-2026.csv"));
        var ex = Assert.Throws<DataImportException>(() => BarCsvImporter.Import(vix, new BarImportOptions { DefaultSymbol = "VIX", Source = "vix" }));
        Assert.Equal("volume", ex.Field);
    }

    private static bool IsStrictlyIncreasing(long[] ts)
    {
        for (var k = 1; k < ts.Length; k++)
        {
            if (ts[k] <= ts[k - 1])
            {
                return false;
            }
        }

        return true;
    }
}
