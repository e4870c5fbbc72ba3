using Tessera.Core.Indicators;
using Xunit;
using R = Tessera.Core.Tests.Indicators.IndicatorReferenceValues;

namespace Tessera.Core.Tests.Indicators;

public class RsiTests
{
    // Source: StockCharts ChartSchool "Relative Strength Index (RSI)" worked example, spreadsheet cs-rsi.xls
    // (QQQQ, Dec 2009 - Feb 2010). The sheet's closes are displayed rounded to cents while its changes are
    // exact, so the closes are rebuilt from 44.34 plus the printed changes; RSI is printed to 2 decimals.
    private static readonly double[] StockChartsChanges =
    [
        -0.25, 0.06, -0.54, 0.72, 0.50, 0.27, 0.33, 0.42, 0.24, -0.19, 0.14, -0.42, 0.67, 0.00, -0.28, 0.03,
        0.38, -0.19, -0.58, 0.57, 0.04, -0.54, 0.74, -0.67, -0.43, -1.33, 0.15, 0.04, 0.35, -1.15, -0.76, 0.47,
    ];

    private static readonly double[] StockChartsRsi =
    [
        70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38, 54.71, 50.42, 39.99, 41.46, 41.87,
        45.46, 37.30, 33.08, 37.77,
    ];

    [Fact]
    public void Matches_StockCharts_worked_example()
    {
        var closes = new double[StockChartsChanges.Length + 1];
        closes[0] = 44.34;
        for (var i = 0; i < StockChartsChanges.Length; i++)
        {
            closes[i + 1] = closes[i] + StockChartsChanges[i];
        }

        var output = new double[closes.Length];
        Rsi.Compute(closes, output, 14);
        Assert.Equal(14, SeriesAssert.FirstValid(output));
        for (var k = 0; k < StockChartsRsi.Length; k++)
        {
            // Half a cent of display rounding on the published figures.
            Assert.True(Math.Abs(StockChartsRsi[k] - output[14 + k]) < 0.01, $"row {k + 15}: {output[14 + k]} vs {StockChartsRsi[k]}");
        }
    }

    [Fact]
    public void Matches_hand_computed_reference()
    {
        // Source: reference_values.py rsi() - Wilder RMA seeded with the mean of the first 5 changes.
        var output = new double[R.Close.Length];
        Rsi.Compute(R.Close, output, 5);
        SeriesAssert.Close(R.Rsi5, output, 1e-9);
    }

    [Fact]
    public void Is_100_when_there_are_no_losses_and_stays_in_range()
    {
        var rsi = new Rsi(2);
        rsi.Update(1);
        rsi.Update(2);
        Assert.Equal(100.0, rsi.Update(3));
        var output = new double[R.Close.Length];
        Rsi.Compute(R.Close, output, 2);
        foreach (var v in output.Where(v => !double.IsNaN(v)))
        {
            Assert.InRange(v, 0.0, 100.0);
        }

        // Only losses: average gain 0, RSI exactly 0.
        var down = new Rsi(2);
        down.Update(5);
        down.Update(4);
        Assert.Equal(0.0, down.Update(3));
    }
}
