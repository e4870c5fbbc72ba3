using System.Text;
using Tessera.Core.Data.Import;
using Xunit;

namespace Tessera.Core.Tests.Data.Import;

public sealed class TradeCsvImporterTests
{
    private const string Header = "symbol,price,size,timestamp,exchange\n";

    private static TradeImportResult Import(string text, ImportMode mode) =>
        TradeCsvImporter.Import(new MemoryStream(Encoding.UTF8.GetBytes(text)), new BarImportOptions { Mode = mode, Source = "trades.csv", DefaultExchange = "ARCA" });

    [Fact]
    public void Equal_timestamps_are_normal_for_trades_and_columns_may_come_in_any_order()
    {
        var tape = Import(Header + "SPY,100.5,100,2024-01-02T14:30:00.000Z,P\nSPY,100.6,200,2024-01-02T14:30:00.000Z,Q\n", ImportMode.Strict).Tapes.Single();
        Assert.Equal("ARCA:SPY", tape.Symbol);
        Assert.Equal([100.5, 100.6], tape.Price);
        Assert.Equal([(byte)'P', (byte)'Q'], tape.Exchange);
        Assert.Equal(tape.Timestamps[0], tape.Timestamps[1]);
    }

    [Fact]
    public void Out_of_order_prints_fail_strict_and_are_sorted_stably_in_lenient_mode()
    {
        const string csv = Header + "SPY,1,100,2024-01-02T14:30:01Z,P\nSPY,2,100,2024-01-02T14:30:00Z,P\nSPY,3,100,2024-01-02T14:30:01Z,P\n";
        var ex = Assert.Throws<DataImportException>(() => Import(csv, ImportMode.Strict));
        Assert.Equal((3L, ImportRules.NotIncreasing), (ex.Line, ex.Rule));

        var result = Import(csv, ImportMode.Lenient);
        Assert.Equal([2.0, 1.0, 3.0], result.Tapes.Single().Price);
        Assert.Contains(result.Report.Warnings, w => w.StartsWith(ImportRules.NotIncreasing, StringComparison.Ordinal));
    }

    [Fact]
    public void A_multi_letter_venue_is_refused()
    {
        var result = Import(Header + "SPY,1,100,2024-01-02T14:30:01Z,PQ\nSPY,1,100,2024-01-02T14:30:02Z,P\n", ImportMode.Lenient);
        Assert.Equal(2, result.Report.For(ImportRules.InvalidVenue)!.Rows.Single().Line);
        Assert.Equal(1, result.Report.RowsAccepted);
    }
}
