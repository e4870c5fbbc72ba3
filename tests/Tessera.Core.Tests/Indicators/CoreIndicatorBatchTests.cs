using Tessera.Core.Data;
using Tessera.Core.Errors;
using Tessera.Core.Indicators;
using Tessera.Testing;
using Xunit;

namespace Tessera.Core.Tests.Indicators;

/// <summary>
/// The fused batch pass of the seven core indicators (<see cref="CoreIndicatorBatch"/>) and the span batch kernels under
/// both first-bar conventions agree to the last bit with the streaming objects fed one bar at a time.
/// </summary>
public class CoreIndicatorBatchTests
{
    private const int Columns = 14;

    [SharedDataFact("sp500-daily-2013-2018.csv.gz")]
    public void Fused_pass_is_bit_identical_to_the_streaming_indicators_on_every_SP500_symbol_under_both_conventions()
    {
        foreach (var s in SpDailyData.All)
        {
            AssertFusedMatchesStreaming(s, FirstBarConvention.TradingView);
            AssertFusedMatchesStreaming(s, FirstBarConvention.TaLibTtr);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(13)]
    [InlineData(19)]
    [InlineData(20)]
    [InlineData(27)]
    [InlineData(41)]
    [InlineData(2000)]
    public void Fused_pass_is_bit_identical_on_cent_prices_with_ties_and_short_series(int length)
    {
        var s = CentWalk(length, seed: 7 + length);
        AssertFusedMatchesStreaming(s, FirstBarConvention.TradingView);
        AssertFusedMatchesStreaming(s, FirstBarConvention.TaLibTtr);
    }

    [Fact]
    public void Span_kernels_match_streaming_objects_under_the_TaLib_convention()
    {
        var s = CentWalk(600, seed: 3);
        var n = s.Count;
        var atr = new double[n];
        var adx = new double[n];
        var plus = new double[n];
        var minus = new double[n];
        Atr.Compute(s.High, s.Low, s.Close, atr, 14, FirstBarConvention.TaLibTtr);
        Adx.Compute(s.High, s.Low, s.Close, adx, plus, minus, 14, FirstBarConvention.TaLibTtr);
        var a = new Atr(14, FirstBarConvention.TaLibTtr);
        var d = new Adx(14, FirstBarConvention.TaLibTtr);
        var expected = new double[4][];
        for (var k = 0; k < 4; k++)
        {
            expected[k] = new double[n];
        }

        for (var i = 0; i < n; i++)
        {
            expected[0][i] = a.Update(s.High[i], s.Low[i], s.Close[i]);
            expected[1][i] = d.Update(s.High[i], s.Low[i], s.Close[i]);
            expected[2][i] = d.PlusDi;
            expected[3][i] = d.MinusDi;
        }

        SeriesAssert.BitIdentical(expected[0], atr, "atr");
        SeriesAssert.BitIdentical(expected[1], adx, "adx");
        SeriesAssert.BitIdentical(expected[2], plus, "plus_di");
        SeriesAssert.BitIdentical(expected[3], minus, "minus_di");
    }

    [Fact]
    public void A_non_finite_close_is_refused_naming_the_field_and_nothing_is_written()
    {
        var s = CentWalk(50, seed: 1);
        var close = (double[])s.Close.Clone();
        close[37] = double.NaN;
        var cols = Outputs(50, fill: -1.0);
        var ex = Assert.Throws<TesseraValidationException>(() => CoreIndicatorBatch.Compute(s.High, s.Low, close, Columns_(cols)));
        Assert.Equal("close", ex.Field);
        Assert.All(cols, c => Assert.All(c, v => Assert.Equal(-1.0, v)));
    }

    [Fact]
    public void A_high_below_its_low_is_refused_naming_the_field()
    {
        var s = CentWalk(50, seed: 2);
        var high = (double[])s.High.Clone();
        high[10] = s.Low[10] - 0.01;
        var ex = Assert.Throws<TesseraValidationException>(() => CoreIndicatorBatch.Compute(high, s.Low, s.Close, Columns_(Outputs(50))));
        Assert.Equal("high", ex.Field);
    }

    [Fact]
    public void An_output_column_of_the_wrong_length_is_refused_naming_it()
    {
        var s = CentWalk(50, seed: 2);
        var cols = Outputs(50);
        cols[12] = new double[49];
        var ex = Assert.Throws<TesseraValidationException>(() => CoreIndicatorBatch.Compute(s.High, s.Low, s.Close, Columns_(cols)));
        Assert.Equal("sma20", ex.Field);
    }

    [Fact]
    public void A_non_finite_value_is_refused_by_each_span_kernel_before_any_output_is_written()
    {
        var close = new double[] { 10, 11, 12, double.PositiveInfinity, 13 };
        var output = new double[] { -1, -1, -1, -1, -1 };
        Assert.Equal("value", Assert.Throws<TesseraValidationException>(() => Sma.Compute(close, output, 2)).Field);
        Assert.Equal("value", Assert.Throws<TesseraValidationException>(() => Ema.Compute(close, output, 2)).Field);
        Assert.Equal("close", Assert.Throws<TesseraValidationException>(() => Rsi.Compute(close, output, 2)).Field);
        Assert.All(output, v => Assert.Equal(-1.0, v));
    }

    private static void AssertFusedMatchesStreaming(BarSeries s, FirstBarConvention convention)
    {
        var n = s.Count;
        var fused = Outputs(n);
        CoreIndicatorBatch.Compute(s.High, s.Low, s.Close, Columns_(fused), convention);

        var expected = Outputs(n);
        var rsi = new Rsi(14);
        var atr = new Atr(14, convention);
        var adx = new Adx(14, convention);
        var macd = new Macd(12, 26, 9);
        var bands = new Bollinger(20, 2.0);
        var sma = new Sma(20);
        var ema = new Ema(20);
        for (var i = 0; i < n; i++)
        {
            var (h, l, c) = (s.High[i], s.Low[i], s.Close[i]);
            expected[0][i] = rsi.Update(c);
            expected[1][i] = atr.Update(h, l, c);
            expected[2][i] = adx.Update(h, l, c);
            expected[3][i] = adx.PlusDi;
            expected[4][i] = adx.MinusDi;
            expected[5][i] = macd.Update(c);
            expected[6][i] = macd.Signal;
            expected[7][i] = macd.Histogram;
            expected[11][i] = bands.Update(c);
            expected[8][i] = bands.Middle;
            expected[9][i] = bands.Upper;
            expected[10][i] = bands.Lower;
            expected[12][i] = sma.Update(c);
            expected[13][i] = ema.Update(c);
        }

        for (var k = 0; k < Columns; k++)
        {
            SeriesAssert.BitIdentical(expected[k], fused[k], $"{s.Symbol}/{convention}/column {k}");
        }
    }

    private static double[][] Outputs(int n, double fill = 0)
    {
        var cols = new double[Columns][];
        for (var k = 0; k < Columns; k++)
        {
            cols[k] = new double[n];
            Array.Fill(cols[k], fill);
        }

        return cols;
    }

    private static CoreIndicatorColumns Columns_(double[][] c) => new()
    {
        Rsi14 = c[0],
        Atr14 = c[1],
        Adx14 = c[2],
        PlusDi14 = c[3],
        MinusDi14 = c[4],
        Macd = c[5],
        MacdSignal = c[6],
        MacdHistogram = c[7],
        BollingerMiddle = c[8],
        BollingerUpper = c[9],
        BollingerLower = c[10],
        BollingerPercentB = c[11],
        Sma20 = c[12],
        Ema20 = c[13],
    };

    /// <summary>A random walk in whole cents (equal up and down moves, flat windows and repeated closes occur).</summary>
    private static BarSeries CentWalk(int n, int seed)
    {
        var rng = new Tessera.Core.Determinism.DeterministicRandom((ulong)seed);
        var ts = new long[n];
        var o = new double[n];
        var h = new double[n];
        var l = new double[n];
        var c = new double[n];
        var v = new double[n];
        var cents = 5000L;
        for (var i = 0; i < n; i++)
        {
            ts[i] = i * 86_400_000L;
            o[i] = cents / 100.0;
            cents += (long)Math.Floor(rng.NextDouble() * 7) - 3;
            c[i] = cents / 100.0;
            h[i] = (Math.Max(o[i] * 100, c[i] * 100) + Math.Floor(rng.NextDouble() * 3)) / 100.0;
            l[i] = (Math.Min(o[i] * 100, c[i] * 100) - Math.Floor(rng.NextDouble() * 3)) / 100.0;
            v[i] = 1000;
        }

        return new BarSeries("CENTS", ts, o, h, l, c, v);
    }
}
