using Tessera.Core.Indicators;
using Tessera.Core.Tests.Strategies;
using Xunit;

namespace Tessera.Core.Tests.Indicators;

public class IndicatorSuiteTests
{
    [Fact]
    public void Every_column_is_named_and_matches_its_single_indicator()
    {
        var bars = SyntheticBars.RandomWalk("X", 400, 3);
        var columns = IndicatorSuite.Compute(bars);
        Assert.Equal(IndicatorSuite.ColumnNames.Count, columns.Length);
        Assert.Equal(IndicatorSuite.ColumnNames.Count, IndicatorSuite.ColumnNames.Distinct(StringComparer.Ordinal).Count());
        var rsi = new double[bars.Count];
        Rsi.Compute(bars.Close, rsi, 2);
        Assert.Equal(rsi, columns[IndexOf("rsi_2")]);
        Assert.Equal(252, SeriesAssert.FirstValid(columns[IndexOf("mom_12_1")]));
        Assert.Equal(77, SeriesAssert.FirstValid(columns[IndexOf("ichimoku_senkou_b")]));
        Assert.Equal(19, SeriesAssert.FirstValid(columns[IndexOf("vwap")]));
    }

    [Fact]
    public void Vwap_anchor_follows_the_bar_spacing()
    {
        Assert.Equal(VwapAnchor.Rolling, IndicatorSuite.DefaultVwapAnchor(SyntheticBars.RandomWalk("X", 10, 1)));
        var minute = new Tessera.Core.Data.BarSeries("X", [0, 60_000, 120_000], [1, 1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 1]);
        Assert.Equal(VwapAnchor.Session, IndicatorSuite.DefaultVwapAnchor(minute));
    }

    private static int IndexOf(string name) => IndicatorSuite.ColumnNames.ToList().IndexOf(name);
}
