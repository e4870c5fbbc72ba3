using Tessera.Core.Indicators;
using Tessera.Core.Indicators.Kernels;
using Tessera.Core.Tests.Strategies;
using Xunit;

namespace Tessera.Core.Tests.Indicators;

/// <summary>The channel kernel (<see cref="DonchianKernel"/>) against the streaming <see cref="Donchian"/>: the previous
/// bars' extremes, equal to the bit, NaN before the window is full; with plateaus (equal highs and lows in a window).</summary>
public class DonchianKernelTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(20)]
    [InlineData(55)]
    public void Columns_equal_the_streaming_channel(int period)
    {
        var plateau = SyntheticBars.FromCloses("P", [.. Enumerable.Range(0, 120).Select(i => 40.0 + (i / 4) - (i % 3))], spread: 0);
        foreach (var bars in new[] { SyntheticBars.RandomWalk("X", 0, 1), SyntheticBars.RandomWalk("X", 2, 1), SyntheticBars.RandomWalk("X", 400, 2), plateau })
        {
            var n = bars.Count;
            var upper = new double[n];
            var lower = new double[n];
            DonchianKernel.Compute(bars.High, bars.Low, upper, lower, period, new int[n]);
            var channel = new Donchian(period);
            for (var i = 0; i < n; i++)
            {
                var expectedUpper = channel.Update(bars.High[i], bars.Low[i]);
                Assert.Equal(BitConverter.DoubleToInt64Bits(expectedUpper), BitConverter.DoubleToInt64Bits(upper[i]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(channel.Lower), BitConverter.DoubleToInt64Bits(lower[i]));
            }
        }
    }
}
