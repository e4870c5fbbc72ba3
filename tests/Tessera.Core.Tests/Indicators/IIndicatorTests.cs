using Tessera.Core.Data;
using Tessera.Core.Errors;
using Tessera.Core.Indicators;
using Xunit;
using R = Tessera.Core.Tests.Indicators.IndicatorReferenceValues;

namespace Tessera.Core.Tests.Indicators;

/// <summary>The one indicator interface: batch and incremental forms with the instance's own parameters, typed errors.</summary>
public sealed class IIndicatorTests
{
    private static readonly BarSeries Bars = new(
        "REF",
        [.. Enumerable.Range(0, R.Close.Length).Select(i => i * 86_400_000L)],
        R.Close,
        R.High,
        R.Low,
        R.Close,
        R.Volume);

    /// <summary>Non-default parameters, each with the reference columns of reference_values.py for its outputs.</summary>
    public static TheoryData<string> Cases() => [.. WithReferences().Select(c => c.Name)];

    private static IEnumerable<(string Name, Func<IIndicator> Create, double[][] Expected)> WithReferences()
    {
        yield return ("sma", () => new Sma(5), [R.Sma5]);
        yield return ("ema", () => new Ema(5), [R.Ema5]);
        yield return ("vwma", () => new Vwma(5), [R.Vwma5]);
        yield return ("rsi", () => new Rsi(5), [R.Rsi5]);
        yield return ("atr", () => new Atr(5), [R.Atr5]);
        yield return ("adx", () => new Adx(5), [R.Adx5, R.PlusDi5, R.MinusDi5]);
        yield return ("macd", () => new Macd(3, 6, 4), [R.Macd364, R.MacdSignal364, R.MacdHist364]);
        yield return ("bollinger", () => new Bollinger(5, 2), [R.BbMid5, R.BbUpper5, R.BbLower5, R.BbPctB5]);
        yield return ("vwap", () => new Vwap(VwapAnchor.Rolling, 5), [R.VwapRolling5, R.VwapDevRolling5]);
        yield return ("ibs", () => new Ibs(), [R.Ibs]);
        yield return ("ichimoku", () => new Ichimoku(3, 5, 8, 4), [R.Tenkan3, R.Kijun5, R.SenkouA3x5d4, R.SenkouB8d4]);
        yield return ("roc", () => new RateOfChange(4), [R.Roc4]);
        yield return ("momentum", () => new Momentum(10, 3), [R.Momentum10x3]);
        yield return ("downside", () => new DownsideDeviation(6), [R.DownsideDev6]);
        yield return ("realized-vol", () => new RealizedVolatility(6), [R.RealizedVol6]);
        yield return ("zscore", () => new RollingZScore(6), [R.ZScore6]);
        yield return ("perm-entropy", () => new PermutationEntropy(3, 2, 10), [R.PermEntropy3x2x10]);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Batch_form_uses_the_instance_parameters_and_matches_the_reference_and_the_incremental_form(string name)
    {
        var (_, create, expected) = WithReferences().Single(c => c.Name == name);
        var indicator = create();
        Assert.Equal(expected.Length, indicator.Outputs.Count);

        var batch = indicator.Compute(Bars);
        var incremental = new double[expected.Length][];
        for (var k = 0; k < expected.Length; k++)
        {
            incremental[k] = new double[Bars.Count];
        }

        for (var i = 0; i < Bars.Count; i++)
        {
            indicator.Update(OhlcvBar.At(Bars, i));
            Assert.Equal(i >= indicator.FirstValidIndex, indicator.IsReady);
            for (var k = 0; k < expected.Length; k++)
            {
                incremental[k][i] = indicator.Output(k);
            }
        }

        for (var k = 0; k < expected.Length; k++)
        {
            SeriesAssert.Close(expected[k], batch[k], 1e-9);
            SeriesAssert.BitIdentical(batch[k], incremental[k], name + "/" + indicator.Outputs[k]);
        }
    }

    [Fact]
    public void The_batch_form_starts_fresh_and_leaves_the_incremental_state_alone()
    {
        var sma = new Sma(5);
        for (var i = 0; i < 3; i++)
        {
            sma.Update(OhlcvBar.At(Bars, i));
        }

        var batch = sma.Compute(Bars)[0];
        Assert.False(sma.IsReady);
        Assert.True(double.IsNaN(sma.Output(0)));
        SeriesAssert.Close(R.Sma5, batch, 1e-12);
        for (var i = 3; i < Bars.Count; i++)
        {
            sma.Update(OhlcvBar.At(Bars, i));
        }

        Assert.Equal(batch[^1], sma.Output(0));
    }

    [Fact]
    public void The_suite_is_its_indicators_outputs_in_column_order()
    {
        var indicators = IndicatorSuite.Create();
        Assert.Equal(IndicatorSuite.IndicatorsPerBar, indicators.Count);
        Assert.Equal(IndicatorSuite.ColumnNames.Count, indicators.Sum(i => i.Outputs.Count));
        Assert.Equal(["adx", "plus_di", "minus_di"], indicators.OfType<Adx>().Single().Outputs);
        Assert.Equal(VwapAnchor.Session, IndicatorSuite.Create(VwapAnchor.Session).OfType<Vwap>().Single().Anchor);
    }

    [Fact]
    public void Wrong_output_columns_and_indices_are_refused()
    {
        var ex = Assert.Throws<TesseraValidationException>(() => new Adx(5).Compute(Bars, [new double[Bars.Count]]));
        Assert.Equal("outputs", ex.Field);
        Assert.Equal("1", ex.Value);
        var length = Assert.Throws<TesseraValidationException>(() => new Sma(5).Compute(Bars, [new double[3]]));
        Assert.Equal("output", length.Field);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adx(5).Output(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sma(5).Output(-1));
    }
}
