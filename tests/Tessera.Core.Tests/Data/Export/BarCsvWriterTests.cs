using System.Text;
using Tessera.Core.Data;
using Tessera.Core.Data.Export;
using Tessera.Core.Data.Import;
using Tessera.Core.Data.Synthetic;
using Xunit;

namespace Tessera.Core.Tests.Data.Export;

public sealed class BarCsvWriterTests
{
    [Fact]
    public void Writes_the_documented_format()
    {
        var s = new BarSeries("NYSE:IBM", [BarSeries.ToUnixMs(new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc)), BarSeries.ToUnixMs(new DateTime(2024, 1, 2, 13, 30, 0, 5, DateTimeKind.Utc))], [1.5, 2], [2, 3], [1, 2], [1.75, 2.5], [100, 0.1]);
        var sw = new StringWriter();
        BarCsvWriter.Write(s, sw);
        Assert.Equal("symbol,date,open,high,low,close,volume\nNYSE:IBM,2024-01-02,1.5,2,1,1.75,100\nNYSE:IBM,2024-01-02T13:30:00.005Z,2,3,2,2.5,0.1\n", sw.ToString());
    }

    [Fact]
    public void Export_then_import_is_lossless()
    {
        var bars = SyntheticMarket.GenerateDaily(new SyntheticMarketSpec(1, 200, 5)).Bars[0];
        var sw = new StringWriter();
        BarCsvWriter.Write(bars, sw);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(sw.ToString()));
        var back = BarCsvImporter.Import(stream, new BarImportOptions { Mode = ImportMode.Strict }).Series.Single();
        Assert.Equal(bars.Symbol, back.Symbol);
        Assert.Equal(bars.Timestamps, back.Timestamps);
        Assert.Equal(bars.Open, back.Open);
        Assert.Equal(bars.High, back.High);
        Assert.Equal(bars.Low, back.Low);
        Assert.Equal(bars.Close, back.Close);
        Assert.Equal(bars.Volume, back.Volume);
    }
}
