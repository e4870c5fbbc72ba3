using Tessera.Core.Data;
using Tessera.Core.Errors;
using Tessera.Core.Indicators;
using Xunit;

namespace Tessera.Core.Tests.Indicators;

/// <summary>
/// ATR and ADX under both first-bar conventions, against values derived by hand (exact fractions in the comments) on a
/// seven-bar series. TradingView (Tessera's default): TR_0 = h - l for ATR; ADX seeds its RMAs with the mean of bars
/// 1..n. TA-Lib / R TTR: no TR on bar 0; ADX seeds Wilder sums with bars 1..n-1 and steps S = S - S/n + x at bar n.
/// </summary>
public sealed class FirstBarConventionTests
{
    // bar: high, low, close. True ranges: TR0 = 1 (h-l, TradingView only), TR1 = 1.5, TR2 = 2, TR3 = 1.2, TR4 = 3
    // (gap: 13 - 10), TR5 = 1.5, TR6 = 1.5. +DM: 1, 1, 0, 2.2, 0, 0 (bars 1..6); -DM: 0, 0, 0.4, 0, 0, 0.5.
    private static readonly double[] High = [10, 11, 12, 10.8, 13, 12.5, 12];
    private static readonly double[] Low = [9, 9.5, 10, 9.6, 10.4, 11, 10.5];
    private static readonly double[] Close = [9.5, 10.5, 10.2, 10, 12, 11.5, 11];

    [Fact]
    public void Atr_tradingview_convention_takes_h_minus_l_on_the_first_bar()
    {
        var atr = new double[7];
        Atr.Compute(High, Low, Close, atr, 3, FirstBarConvention.TradingView);

        // (1 + 1.5 + 2)/3 = 1.5; 1.5 + (1.2 - 1.5)/3 = 1.4; 1.4 + (3 - 1.4)/3 = 29/15; 29/15 + (1.5 - 29/15)/3 = 161/90;
        // 161/90 + (1.5 - 161/90)/3 = (2 * 161/90 + 1.5)/3.
        double[] expected = [double.NaN, double.NaN, 1.5, 1.4, 29.0 / 15, 161.0 / 90, ((2 * 161.0 / 90) + 1.5) / 3];
        SeriesAssert.Close(expected, atr, 1e-12);
        Assert.Equal(2, new Atr(3, FirstBarConvention.TradingView).FirstValidIndex);
    }

    [Fact]
    public void Atr_talib_ttr_convention_has_no_true_range_on_the_first_bar()
    {
        var atr = new double[7];
        Atr.Compute(High, Low, Close, atr, 3, FirstBarConvention.TaLibTtr);

        // (1.5 + 2 + 1.2)/3 = 4.7/3 at index 3; then 4.7/3 * 2/3 + 3/3 = 18.4/9; 18.4/9 * 2/3 + 1.5/3 = 50.3/27;
        // 50.3/27 * 2/3 + 1.5/3 = 141.1/81.
        double[] expected = [double.NaN, double.NaN, double.NaN, 4.7 / 3, 18.4 / 9, 50.3 / 27, 141.1 / 81];
        SeriesAssert.Close(expected, atr, 1e-12);
        Assert.Equal(3, new Atr(3, FirstBarConvention.TaLibTtr).FirstValidIndex);
    }

    [Fact]
    public void Adx_tradingview_convention_seeds_with_the_mean_of_n_values()
    {
        var (adx, plus, minus) = Adx3(FirstBarConvention.TradingView);

        // Bar 3: RMA seeds TR 4.7/3, +DM 2/3, -DM 0.4/3 -> +DI = 200/4.7, -DI = 40/4.7, DX = 100 * 1.6/2.4 = 200/3.
        // Bar 4: TR 18.4/9, +DM 10.6/9, -DM 0.8/9 -> DX = 100 * 9.8/11.4 = 4900/57. Bar 5: TR 50.3/27, +DM 21.2/27,
        // -DM 1.6/27 -> DX = 4900/57 again. ADX_5 = (200/3 + 2 * 4900/57)/3 = 13600/171.
        // Bar 6: TR 141.1/81, +DM 42.4/81, -DM 16.7/81 -> DX = 100 * 25.7/59.1; ADX_6 = ADX_5 + (DX - ADX_5)/3.
        const double adx5 = 13600.0 / 171;
        const double dx6 = 100 * 25.7 / 59.1;
        SeriesAssert.Close([double.NaN, double.NaN, double.NaN, 200 / 4.7, 100 * 10.6 / 18.4, 100 * 21.2 / 50.3, 100 * 42.4 / 141.1], plus, 1e-10);
        SeriesAssert.Close([double.NaN, double.NaN, double.NaN, 40 / 4.7, 100 * 0.8 / 18.4, 100 * 1.6 / 50.3, 100 * 16.7 / 141.1], minus, 1e-10);
        SeriesAssert.Close([double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, adx5, adx5 + ((dx6 - adx5) / 3)], adx, 1e-10);
    }

    [Fact]
    public void Adx_talib_ttr_convention_seeds_wilder_sums_with_n_minus_1_values()
    {
        var (adx, plus, minus) = Adx3(FirstBarConvention.TaLibTtr);

        // Sums of bars 1..2: TR 3.5, +DM 2, -DM 0. Bar 3 (S = S - S/3 + x): TR 7/3 + 1.2 = 10.6/3, +DM 4/3, -DM 0.4
        // -> +DI = 400/10.6, -DI = 120/10.6, DX = 100 * 2.8/5.2 = 700/13. Bar 4: TR 48.2/9, +DM 27.8/9, -DM 2.4/9
        // -> DX = 100 * 25.4/30.2 = 12700/151. Bar 5: TR 136.9/27, +DM 55.6/27, -DM 4.8/27 -> DX = 12700/151 again.
        // ADX_5 = (700/13 + 2 * 12700/151)/3 = 435900/5889. Bar 6: TR 395.3/81, +DM 111.2/81, -DM 50.1/81
        // -> DX = 100 * 61.1/161.3; ADX_6 = ADX_5 + (DX - ADX_5)/3.
        const double adx5 = 435900.0 / 5889;
        const double dx6 = 100 * 61.1 / 161.3;
        SeriesAssert.Close([double.NaN, double.NaN, double.NaN, 400 / 10.6, 100 * 27.8 / 48.2, 100 * 55.6 / 136.9, 100 * 111.2 / 395.3], plus, 1e-10);
        SeriesAssert.Close([double.NaN, double.NaN, double.NaN, 120 / 10.6, 100 * 2.4 / 48.2, 100 * 4.8 / 136.9, 100 * 50.1 / 395.3], minus, 1e-10);
        SeriesAssert.Close([double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, adx5, adx5 + ((dx6 - adx5) / 3)], adx, 1e-10);
    }

    [Fact]
    public void The_default_constructors_keep_the_tradingview_convention()
    {
        Assert.Equal(FirstBarConvention.TradingView, new Atr(14).Convention);
        Assert.Equal(FirstBarConvention.TradingView, new Adx(14).Convention);
        var byDefault = new double[7];
        var named = new double[7];
        Atr.Compute(High, Low, Close, byDefault, 3);
        Atr.Compute(High, Low, Close, named, 3, FirstBarConvention.TradingView);
        Assert.Equal(byDefault, named);
    }

    [Theory]
    [InlineData(FirstBarConvention.TradingView)]
    [InlineData(FirstBarConvention.TaLibTtr)]
    public void Batch_and_incremental_forms_agree_bit_for_bit_under_both_conventions(FirstBarConvention convention)
    {
        var bars = new BarSeries("X", [0, 1, 2, 3, 4, 5, 6], Close, High, Low, Close, [1, 1, 1, 1, 1, 1, 1]);
        foreach (var indicator in new IIndicator[] { new Atr(3, convention), new Adx(3, convention) })
        {
            var batch = indicator.Compute(bars);
            for (var i = 0; i < bars.Count; i++)
            {
                indicator.Update(OhlcvBar.At(bars, i));
                for (var k = 0; k < batch.Length; k++)
                {
                    Assert.Equal(batch[k][i], indicator.Output(k));
                }
            }
        }
    }

    [Fact]
    public void An_undefined_convention_is_refused()
    {
        var ex = Assert.Throws<TesseraValidationException>(() => new Atr(3, (FirstBarConvention)7));
        Assert.Equal("convention", ex.Field);
        Assert.Throws<TesseraValidationException>(() => new Adx(3, (FirstBarConvention)(-1)));
    }

    private static (double[] Adx, double[] Plus, double[] Minus) Adx3(FirstBarConvention convention)
    {
        double[] adx = new double[7], plus = new double[7], minus = new double[7];
        Adx.Compute(High, Low, Close, adx, plus, minus, 3, convention);
        return (adx, plus, minus);
    }
}
