using System.Text;
using Tessera.Core.Data;
using Tessera.Core.Data.Import;
using Tessera.Core.Errors;
using Xunit;
using Xunit.Abstractions;

namespace Tessera.Core.Tests.Data.Import;

/// <summary>Issue 17 items 5, 6, 7 and 9 at the importer: the symbol grammar, nothing accepted, the market date range, the limits.</summary>
[Collection(MemoryMeasurementCollection.Name)]
public sealed class HardeningImportTests(ITestOutputHelper output)
{
    private const string Header = "symbol,date,open,high,low,close,volume\n";

    private static BarImportResult Import(string csv, ImportMode mode, DateTime? asOf = null, ImportLimits? limits = null) =>
        BarCsvImporter.Import(new MemoryStream(Encoding.UTF8.GetBytes(csv)), new BarImportOptions { Mode = mode, Source = "t.csv", AsOfUtc = asOf, Limits = limits ?? ImportLimits.Default });

    [Theory]
    [InlineData("../../evil:DOTS")]
    [InlineData("[red:S00")]
    [InlineData("\u001b]0;PWNED\u0007\u001b[2J:ANSI")]
    [InlineData(":AAPL")]
    [InlineData("EXCHANGEWAYTOOLONG:AAPL")]
    [InlineData("1NYSE:AAPL")]
    [InlineData("NY SE:AAPL")]
    [InlineData("NYSE:AA:PL")]
    [InlineData("NYSE:../etc")]
    [InlineData("ınc")]
    [InlineData("NYSE:AB\u202eC")]
    public void Hardening_item_5_every_symbol_follows_one_grammar_exchange_part_included(string text)
    {
        var ex = Assert.Throws<TesseraValidationException>(() => SymbolId.Parse(text, "symbol"));
        Assert.Equal("symbol", ex.Field);
        Assert.True(ex.Rule is SymbolId.ExchangeRule or SymbolId.TickerRule, ex.Rule);

        // The importer applies the same grammar in both modes: strict fails on the row naming the rule ...
        var strict = Assert.Throws<DataImportException>(() => Import(Header + text.Replace(",", string.Empty, StringComparison.Ordinal) + ",2015-01-02,10,11,9,10,100\n", ImportMode.Strict));
        Assert.Equal("symbol", strict.Field);
        Assert.Equal(2, strict.Line);

        // ... lenient drops it and accepts nothing from it.
        var lenient = Import(Header + text + ",2015-01-02,10,11,9,10,100\nNYSE:OK,2015-01-02,10,11,9,10,100\n", ImportMode.Lenient);
        Assert.Equal(1, lenient.Report.RowsAccepted);
        Assert.Equal(["NYSE:OK"], lenient.Series.Select(s => s.Symbol));
    }

    [Theory]
    [InlineData("NYSE:AAPL", "NYSE", "AAPL")]
    [InlineData("xnas:brk.b", "XNAS", "BRK.B")]
    [InlineData("CRYPTO:BTC/USD", "CRYPTO", "BTC/USD")]
    [InlineData("BATS_Z-1:SPY", "BATS_Z-1", "SPY")]
    [InlineData("SPY", "", "SPY")]
    public void Hardening_item_5_real_symbols_still_parse(string text, string exchange, string ticker)
    {
        Assert.Equal(new SymbolId(exchange, ticker), SymbolId.Parse(text));
    }

    [Fact]
    public void Hardening_item_5_the_exchange_option_is_validated_before_a_row_is_read()
    {
        Assert.Equal("XNYS", SymbolId.ParseExchange("xnys", "--exchange"));
        Assert.Equal(SymbolId.ExchangeRule, Assert.Throws<TesseraValidationException>(() => SymbolId.ParseExchange("../../evil", "--exchange")).Rule);
        var ex = Assert.Throws<DataImportException>(() => BarCsvImporter.Import(
            new MemoryStream(Encoding.UTF8.GetBytes(Header + "AAA,2015-01-02,10,11,9,10,100\n")),
            new BarImportOptions { Mode = ImportMode.Lenient, Source = "t.csv", DefaultExchange = "../../evil" }));
        Assert.Equal("exchange", ex.Field);
        Assert.Equal(SymbolId.ExchangeRule, ex.Rule);
    }

    [Fact]
    public void Hardening_item_6_a_lenient_import_that_accepts_no_row_is_a_typed_failure_with_the_counts()
    {
        var result = Import(Header + "AAA,2015-01-02,10,11,9,NaN,100\nAAA,2015-01-05,-1,11,9,10,100\n", ImportMode.Lenient);
        Assert.Equal(0, result.Report.RowsAccepted);
        var ex = Assert.Throws<NothingAcceptedException>(() => NothingAcceptedException.ThrowIfNothingAccepted([result.Report]));
        Assert.Equal(2, ex.RowsRead);
        Assert.Equal(2, ex.RowsRejected);
        Assert.StartsWith(ImportRules.NothingAccepted, ex.Rule, StringComparison.Ordinal);
        Assert.Contains("2 of 2 rows rejected", ex.Message, StringComparison.Ordinal);

        // One accepted row is enough: no failure.
        NothingAcceptedException.ThrowIfNothingAccepted([Import(Header + "AAA,2015-01-02,10,11,9,10,100\n", ImportMode.Lenient).Report]);
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("1899-12-31")]
    [InlineData("2026-01-09")] // 8 days after the clock
    public void Hardening_item_7_strict_refuses_dates_outside_the_plausible_market_range(string date)
    {
        var asOf = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var ex = Assert.Throws<DataImportException>(() => Import(Header + $"AAA,{date},10,11,9,10,100\n", ImportMode.Strict, asOf));
        Assert.Equal("timestamp", ex.Field);
        Assert.StartsWith(ImportRules.TimestampOutOfRange, ex.Rule, StringComparison.Ordinal);
        Assert.Contains("1900-01-01", ex.Rule, StringComparison.Ordinal);
        Assert.Contains("7 days after today (2026-01-08)", ex.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Hardening_item_7_the_range_edges_are_accepted_and_without_a_clock_the_bound_is_2100()
    {
        var asOf = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(2, Import(Header + "AAA,1900-01-01,10,11,9,10,100\nAAA,2026-01-08,10,11,9,10,100\n", ImportMode.Strict, asOf).Report.RowsAccepted);
        Assert.Equal(1, Import(Header + "AAA,2099-12-31,10,11,9,10,100\n", ImportMode.Strict).Report.RowsAccepted);
        Assert.Throws<DataImportException>(() => Import(Header + "AAA,2100-01-02,10,11,9,10,100\n", ImportMode.Strict));
    }

    [Fact]
    public void Hardening_item_9_the_row_and_size_limits_are_configurable_and_named_in_the_error()
    {
        var csv = Header + string.Concat(Enumerable.Range(0, 20).Select(i => $"AAA,{new DateTime(2015, 1, 1).AddDays(i):yyyy-MM-dd},10,11,9,10,100\n"));
        Assert.Equal(20, Import(csv, ImportMode.Strict, limits: new ImportLimits(20, 10_000)).Report.RowsAccepted);

        var rows = Assert.Throws<DataImportException>(() => Import(csv, ImportMode.Lenient, limits: new ImportLimits(19, 10_000)));
        Assert.Equal("file", rows.Field);
        Assert.StartsWith(ImportRules.TooManyRows, rows.Rule, StringComparison.Ordinal);
        Assert.Contains("at most 19 data rows", rows.Rule, StringComparison.Ordinal);
        Assert.Contains("TESSERA_IMPORT_MAX_ROWS", rows.Rule, StringComparison.Ordinal);
        Assert.Equal(21, rows.Line);

        var bytes = Assert.Throws<DataImportException>(() => Import(csv, ImportMode.Lenient, limits: new ImportLimits(1000, 200)));
        Assert.StartsWith(ImportRules.TooManyBytes, bytes.Rule, StringComparison.Ordinal);
        Assert.Contains("at most 200 bytes", bytes.Rule, StringComparison.Ordinal);

        Assert.Equal(new ImportLimits(5, 7), ImportLimits.From("5", "7"));
        Assert.Equal(ImportLimits.Default, ImportLimits.From(null, " "));
        Assert.Equal("TESSERA_IMPORT_MAX_ROWS", Assert.Throws<TesseraValidationException>(() => ImportLimits.From("-1", null)).Field);
        Assert.Equal("TESSERA_IMPORT_MAX_BYTES", Assert.Throws<TesseraValidationException>(() => ImportLimits.From(null, "lots")).Field);
    }

    /// <summary>
    /// The bomb of the campaign: ~0.5 MB of gzip inflating to 200 MB of valid rows (it drove the importer to 863 MB).
    /// Now it streams and stops at the default row limit; the bound asserted is on every byte allocated during the
    /// import (an upper bound of the peak managed memory it can have used), measured process-wide in a collection
    /// that runs alone.
    /// </summary>
    [Fact]
    public void Hardening_item_9_a_gzip_bomb_fails_at_the_default_limit_and_stays_under_200_MB_of_allocations()
    {
        var bomb = Tessera.Testing.GzipBomb.Create(200L * 1024 * 1024);
        output.WriteLine($"bomb: {bomb.Length:N0} bytes of gzip inflating to {200L * 1024 * 1024:N0} bytes");
        Assert.InRange(bomb.Length, 1, 1024 * 1024);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var ex = Assert.Throws<DataImportException>(() => BarCsvImporter.Import(new MemoryStream(bomb), new BarImportOptions { Mode = ImportMode.Lenient, Source = "bomb.csv.gz" }));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        output.WriteLine($"allocated during the import: {allocated / (1024.0 * 1024.0):F1} MB; error: {ex.Message}");

        Assert.StartsWith(ImportRules.TooManyRows, ex.Rule, StringComparison.Ordinal);
        Assert.Contains("1,000,000", ex.Rule, StringComparison.Ordinal);
        Assert.True(allocated < 200L * 1024 * 1024, $"the bomb allocated {allocated:N0} bytes (bound 200 MB)");
    }
}

/// <summary>Tests that measure process-wide allocations run alone (xUnit runs a non-parallel collection after the others).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "memory measurement";
}
