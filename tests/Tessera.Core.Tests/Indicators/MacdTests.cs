using Tessera.Core.Errors;
using Tessera.Core.Indicators;
using Xunit;
using R = Tessera.Core.Tests.Indicators.IndicatorReferenceValues;

namespace Tessera.Core.Tests.Indicators;

public class MacdTests
{
    [Fact]
    public void Matches_hand_computed_reference()
    {
        // Source: reference_values.py macd(3, 6, 4) - SMA-seeded EMAs; signal seeded on the first 4 MACD values.
        var n = R.Close.Length;
        var macd = new double[n];
        var signal = new double[n];
        var hist = new double[n];
        Macd.Compute(R.Close, macd, signal, hist, 3, 6, 4);
        SeriesAssert.Close(R.Macd364, macd, 1e-10);
        SeriesAssert.Close(R.MacdSignal364, signal, 1e-10);
        SeriesAssert.Close(R.MacdHist364, hist, 1e-10);
        Assert.Equal(new Macd(3, 6, 4).FirstValidIndex, SeriesAssert.FirstValid(hist));
    }

    [Fact]
    public void Default_warm_up_is_33_bars()
    {
        var macd = new Macd();
        Assert.Equal(25, macd.FirstMacdIndex);
        Assert.Equal(33, macd.FirstValidIndex);
        Assert.Throws<TesseraValidationException>(() => new Macd(26, 12, 9));
    }
}
