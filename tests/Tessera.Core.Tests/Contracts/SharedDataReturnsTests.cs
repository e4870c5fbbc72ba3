using Tessera.Core.Contracts;
using Tessera.Core.Data.Import;
using Tessera.Testing;
using Xunit;

namespace Tessera.Core.Tests.Contracts;

/// <summary>
/// Dense returns matrix over the real S&amp;P 500 set. Reference computed independently with awk over the valid rows
/// (empty-field and OHLC-inconsistent rows removed): the union calendar has 1,259 dates and exactly these 23
/// symbols miss more than 10% of it (gap ratio = 1 - rows/1259).
/// </summary>
public sealed class SharedDataReturnsTests
{
    private static readonly (string Symbol, int Rows)[] Sparse =
    [
        ("ALLE", 1063), ("GOOG", 975), ("NAVI", 960), ("INFO", 917), ("SYF", 888), ("CFG", 850), ("QRVO", 781), ("WRK", 660),
        ("KHC", 655), ("PYPL", 655), ("HPE", 581), ("HPQ", 581), ("CSRA", 561), ("WLTW", 528), ("UA", 462), ("FTV", 403),
        ("EVHC", 297), ("HLT", 276), ("DXC", 215), ("BHGE", 152), ("BHF", 142), ("DWDP", 109), ("APTV", 44),
    ];

    [SharedDataFact("sp500-daily-2013-2018.csv.gz")]
    public void Sp500_dense_matrix_drops_the_23_sparse_assets_with_their_gap_ratios()
    {
        using var file = File.OpenRead(SharedData.Path_("sp500-daily-2013-2018.csv.gz"));
        var imported = BarCsvImporter.Import(file, new BarImportOptions { Source = "sp500" });
        var result = ReturnsMatrixBuilder.Build(imported.Series, new ReturnsOptions { DailyBars = true });

        Assert.Equal(1259, result.UnionCalendarLength);
        var density = result.DroppedAssets.Where(d => d.Rule == ContractRules.Density).OrderBy(d => d.Symbol, StringComparer.Ordinal).ToList();
        var expected = Sparse.OrderBy(s => s.Symbol, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(e => e.Symbol), density.Select(d => d.Symbol));
        for (var k = 0; k < expected.Count; k++)
        {
            Assert.Equal(1.0 - (expected[k].Rows / 1259.0), density[k].GapRatio, 12);
            Assert.Equal(expected[k].Rows, density[k].Observations);
        }

        var m = result.Matrix;
        Assert.Equal(505 - result.DroppedAssets.Count, m.Assets);
        Assert.Equal(1259 - result.DroppedDates.Length - 1, m.Rows);
        Assert.DoesNotContain(m.Symbols, s => Sparse.Any(x => x.Symbol == s));
    }
}
