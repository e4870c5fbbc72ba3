using System.IO.Compression;
using System.Text;
using Tessera.Core.Data;
using Tessera.Core.Data.Import;
using Xunit;

namespace Tessera.Core.Tests.Data.Import;

public sealed class BarCsvImporterTests
{
    private static BarImportResult Import(string text, BarImportOptions? options = null) =>
        Import(Encoding.UTF8.GetBytes(text), options);

    private static BarImportResult Import(byte[] bytes, BarImportOptions? options = null)
    {
        using var stream = new MemoryStream(bytes);
        return BarCsvImporter.Import(stream, options ?? new BarImportOptions { Mode = ImportMode.Strict, Source = "t.csv" });
    }

    [Fact]
    public void Reads_any_column_order_and_header_aliases_into_sorted_series_per_symbol()
    {
        const string csv = "Volume,Close,Low,High,Open,Date,Name\n" +
                           "100,10.5,9.5,11,10,2020-01-03,bbb\n" +
                           "200,20.5,19.5,21,20,2020-01-02,AAA\n" +
                           "300,21.5,20,22,21,2020-01-03,AAA\n";
        var result = Import(csv);
        Assert.Equal(["AAA", "BBB"], result.Series.Select(s => s.Symbol));
        var a = result.Series[0];
        Assert.Equal([BarSeries.ToUnixMs(new DateTime(2020, 1, 2, 0, 0, 0, DateTimeKind.Utc)), BarSeries.ToUnixMs(new DateTime(2020, 1, 3, 0, 0, 0, DateTimeKind.Utc))], a.Timestamps);
        Assert.Equal([20.0, 21.0], a.Open);
        Assert.Equal([21.0, 22.0], a.High);
        Assert.Equal([19.5, 20.0], a.Low);
        Assert.Equal([20.5, 21.5], a.Close);
        Assert.Equal([200.0, 300.0], a.Volume);
        Assert.Equal(3, result.Report.RowsAccepted);
    }

    [Fact]
    public void Adj_close_is_the_close_when_alone_and_optional_when_both_exist()
    {
        const string onlyAdjusted = "ticker,timestamp,open,high,low,Adj Close,vol\nX,2020-01-02,10,12,9,11,5\n";
        Assert.Equal(11.0, Import(onlyAdjusted).Series[0].Close[0]);

        const string both = "symbol,date,open,high,low,close,adj_close,volume\nX,2020-01-02,10,12,9,11,10.5,5\n";
        Assert.Equal(11.0, Import(both).Series[0].Close[0]);
        Assert.Equal(10.5, Import(both, new BarImportOptions { Mode = ImportMode.Strict, UseAdjustedClose = true }).Series[0].Close[0]);
    }

    [Fact]
    public void Bom_crlf_blank_trailing_lines_and_gzip_give_the_same_bars_as_plain_text()
    {
        const string csv = "symbol,date,open,high,low,close,volume\nA,2020-01-02,10,12,9,11,5\nA,2020-01-03,11,13,10,12,6\n";
        var plain = Import(csv);
        var withBom = Import([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(csv.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n\r\n")]);
        using var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write(Encoding.UTF8.GetBytes(csv));
        }

        var gzipped = Import(gz.ToArray());
        foreach (var other in new[] { withBom, gzipped })
        {
            Assert.Equal(plain.Series[0].Timestamps, other.Series[0].Timestamps);
            Assert.Equal(plain.Series[0].Close, other.Series[0].Close);
            Assert.Equal(plain.Series[0].Volume, other.Series[0].Volume);
        }
    }

    [Fact]
    public void One_file_per_symbol_takes_the_symbol_from_the_options_and_applies_the_default_exchange()
    {
        const string csv = "date,open,high,low,close,volume\n2020-01-02,10,12,9,11,5\n";
        var result = Import(csv, new BarImportOptions { Mode = ImportMode.Strict, DefaultSymbol = BarCsvImporter.SymbolFromFileName("data/msft.csv.gz"), DefaultExchange = "NASDAQ" });
        Assert.Equal("NASDAQ:MSFT", result.Series.Single().Symbol);
    }

    [Fact]
    public void Without_symbol_column_or_default_symbol_the_header_is_refused()
    {
        var ex = Assert.Throws<DataImportException>(() => Import("date,open,high,low,close,volume\n2020-01-02,10,12,9,11,5\n"));
        Assert.Equal(ImportRules.MissingColumn, ex.Rule);
        Assert.Equal("symbol", ex.Field);
    }

    [Fact]
    public void Intraday_timestamps_keep_milliseconds_and_accept_a_zero_offset()
    {
        const string csv = "symbol,timestamp,open,high,low,close,volume\nA,2013-10-07T13:30:00.250Z,1,1,1,1,1\nA,2013-10-07 13:31:00+00:00,1,1,1,1,1\n";
        var s = Import(csv).Series[0];
        Assert.Equal(new DateTime(2013, 10, 7, 13, 30, 0, 250, DateTimeKind.Utc), BarSeries.ToUtc(s.Timestamps[0]));
        Assert.Equal(new DateTime(2013, 10, 7, 13, 31, 0, DateTimeKind.Utc), BarSeries.ToUtc(s.Timestamps[1]));
    }

    [Fact]
    public void Lenient_duplicates_keep_the_last_row_and_report_the_earlier_line()
    {
        const string csv = "symbol,date,open,high,low,close,volume\nA,2020-01-02,10,12,9,11,5\nA,2020-01-03,1,1,1,1,1\nA,2020-01-02,10,12,9,10,7\n";
        var result = Import(csv, new BarImportOptions { Mode = ImportMode.Lenient });
        var s = result.Series[0];
        Assert.Equal([10.0, 1.0], s.Close);
        Assert.Equal([7.0, 1.0], s.Volume);
        Assert.Equal(2, result.Report.For(ImportRules.DuplicateTimestamp)!.Rows.Single().Line);
        Assert.Equal(2, result.Report.RowsAccepted);
    }

    [Fact]
    public void Rejected_values_are_echoed_truncated_and_lines_are_counted_per_rule()
    {
        var big = new string('9', 300);
        var csv = "symbol,date,open,high,low,close,volume\nA,2020-01-02," + big + ",12,9,11,5\nA,2020-01-03,x,12,9,11,5\nA,2020-01-06,10,12,9,11,5\n";
        var result = Import(csv, new BarImportOptions { Mode = ImportMode.Lenient });
        Assert.Equal(1, result.Report.RowsAccepted);
        Assert.Equal(2, result.Report.RowsRejected);
        Assert.Equal(2, result.Report.For(ImportRules.OutOfRange)!.Rows[0].Line);
        Assert.Equal(3, result.Report.For(ImportRules.NotANumber)!.Rows[0].Line);
        Assert.True(result.Report.For(ImportRules.OutOfRange)!.Rows[0].Value!.Length <= 120);
    }
}
