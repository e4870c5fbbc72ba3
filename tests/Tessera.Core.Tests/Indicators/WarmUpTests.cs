using Tessera.Core.Indicators;
using Xunit;
using R = Tessera.Core.Tests.Indicators.IndicatorReferenceValues;

namespace Tessera.Core.Tests.Indicators;

/// <summary>IsReady turns true exactly at FirstValidIndex, and the value is NaN before it and defined from it.</summary>
public class WarmUpTests
{
    public static TheoryData<string> Names() => [.. Cases().Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void IsReady_flips_exactly_at_the_first_valid_index(string name)
    {
        var (_, firstValid, step) = Cases().Single(c => c.Name == name);
        for (var i = 0; i < R.Close.Length; i++)
        {
            var (ready, value) = step(i);
            Assert.Equal(i >= firstValid, ready);
            Assert.Equal(i < firstValid, double.IsNaN(value));
        }
    }

    private static IEnumerable<(string Name, int FirstValid, Func<int, (bool Ready, double Value)> Step)> Cases()
    {
        var sma = new Sma(5);
        yield return ("sma", sma.FirstValidIndex, i => (sma.Update(R.Close[i]) is var v && sma.IsReady, v));
        var ema = new Ema(5);
        yield return ("ema", ema.FirstValidIndex, i => (ema.Update(R.Close[i]) is var v && ema.IsReady, v));
        var vwma = new Vwma(5);
        yield return ("vwma", vwma.FirstValidIndex, i => (vwma.Update(R.Close[i], R.Volume[i]) is var v && vwma.IsReady, v));
        var rsi = new Rsi(5);
        yield return ("rsi", rsi.FirstValidIndex, i => (rsi.Update(R.Close[i]) is var v && rsi.IsReady, v));
        var atr = new Atr(5);
        yield return ("atr", atr.FirstValidIndex, i => (atr.Update(R.High[i], R.Low[i], R.Close[i]) is var v && atr.IsReady, v));
        var adx = new Adx(5);
        yield return ("adx", adx.FirstValidIndex, i => (adx.Update(R.High[i], R.Low[i], R.Close[i]) is var v && adx.IsReady, v));
        var macd = new Macd(3, 6, 4);
        yield return ("macd", macd.FirstValidIndex, i => (macd.Update(R.Close[i]) is var _ && macd.IsReady, macd.Histogram));
        var bb = new Bollinger(5);
        yield return ("bollinger", bb.FirstValidIndex, i => (bb.Update(R.Close[i]) is var v && bb.IsReady, v));
        var vwap = new Vwap(VwapAnchor.Rolling, 5);
        yield return ("vwap", vwap.FirstValidIndex, i => (vwap.Update(i * 86_400_000L, R.High[i], R.Low[i], R.Close[i], R.Volume[i]) is var v && vwap.IsReady, v));
        var don = new Donchian(5);
        yield return ("donchian", don.FirstValidIndex, i => (don.Update(R.High[i], R.Low[i]) is var v && don.IsReady, v));
        var ibs = new Ibs();
        yield return ("ibs", ibs.FirstValidIndex, i => (ibs.Update(R.High[i], R.Low[i], R.Close[i]) is var v && ibs.IsReady, v));
        var ich = new Ichimoku(3, 5, 8, 4);
        yield return ("ichimoku", ich.FirstValidIndex, i => (ich.Update(R.High[i], R.Low[i]) is var _ && ich.IsReady, ich.SenkouB));
        var roc = new RateOfChange(4);
        yield return ("roc", roc.FirstValidIndex, i => (roc.Update(R.Close[i]) is var v && roc.IsReady, v));
        var mom = new Momentum(10, 3);
        yield return ("momentum", mom.FirstValidIndex, i => (mom.Update(R.Close[i]) is var v && mom.IsReady, v));
        var dd = new DownsideDeviation(6);
        yield return ("downside", dd.FirstValidIndex, i => (dd.Update(R.Close[i]) is var v && dd.IsReady, v));
        var rv = new RealizedVolatility(6);
        yield return ("realized-vol", rv.FirstValidIndex, i => (rv.Update(R.Close[i]) is var v && rv.IsReady, v));
        var z = new RollingZScore(6);
        yield return ("zscore", z.FirstValidIndex, i => (z.Update(R.Close[i]) is var v && z.IsReady, v));
        var pe = new PermutationEntropy(3, 2, 10);
        yield return ("perm-entropy", pe.FirstValidIndex, i => (pe.Update(R.Close[i]) is var v && pe.IsReady, v));
    }
}
