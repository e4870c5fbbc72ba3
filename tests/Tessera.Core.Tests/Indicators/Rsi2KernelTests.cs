using Tessera.Core.Data;
using Tessera.Core.Indicators;
using Tessera.Core.Indicators.Kernels;
using Tessera.Core.Tests.Strategies;
using Xunit;

namespace Tessera.Core.Tests.Indicators;

/// <summary>The fused RSI-2 columns (<see cref="Rsi2Kernel"/>) against the streaming RSI, SMA and ATR fed bar by bar: equal to the bit, NaN warm-ups included.</summary>
public class Rsi2KernelTests
{
    [Theory]
    [InlineData(2, 200, 14)]
    [InlineData(1, 1, 1)]
    [InlineData(3, 20, 5)]
    [InlineData(14, 50, 20)]
    public void Columns_equal_the_streaming_indicators(int rsiPeriod, int trendPeriod, int atrPeriod)
    {
        foreach (var n in new[] { 0, 1, 2, 3, 13, 14, 15, 199, 200, 201, 900 })
        {
            var bars = SyntheticBars.RandomWalk("X", n, (ulong)(n + 1));
            Check(bars, rsiPeriod, trendPeriod, atrPeriod);
        }

        var flat = SyntheticBars.FromCloses("F", [.. Enumerable.Repeat(48.89, 450)]);
        Check(flat, rsiPeriod, trendPeriod, atrPeriod);
    }

    private static void Check(BarSeries bars, int rsiPeriod, int trendPeriod, int atrPeriod)
    {
        var n = bars.Count;
        var rsi = new double[n];
        var sma = new double[n];
        var atr = new double[n];
        Rsi2Kernel.Compute(bars.High, bars.Low, bars.Close, rsi, sma, atr, rsiPeriod, trendPeriod, atrPeriod);
        var r = new Rsi(rsiPeriod);
        var s = new Sma(trendPeriod);
        var a = new Atr(atrPeriod);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(r.Update(bars.Close[i])), BitConverter.DoubleToInt64Bits(rsi[i]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(s.Update(bars.Close[i])), BitConverter.DoubleToInt64Bits(sma[i]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(a.Update(bars.High[i], bars.Low[i], bars.Close[i])), BitConverter.DoubleToInt64Bits(atr[i]));
        }
    }
}
