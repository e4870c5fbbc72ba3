using Tessera.Core.Indicators;
using Xunit;
using R = Tessera.Core.Tests.Indicators.IndicatorReferenceValues;

namespace Tessera.Core.Tests.Indicators;

public class MomentumTests
{
    [Fact]
    public void Skips_the_most_recent_bars()
    {
        // Source: reference_values.py momentum(10, 3): c[t-3]/c[t-10] - 1.
        var output = new double[R.Close.Length];
        Momentum.Compute(R.Close, output, 10, 3);
        SeriesAssert.Close(R.Momentum10x3, output, 1e-12);
        Assert.Equal(10, SeriesAssert.FirstValid(output));
    }

    [Fact]
    public void Twelve_minus_one_uses_t_minus_252_to_t_minus_21()
    {
        // Closes 1, 2, ..., 253: at t = 252 the value is c[231]/c[0] - 1 = 232/1 - 1.
        var m = new Momentum();
        for (var i = 0; i < 253; i++)
        {
            m.Update(i + 1);
        }

        Assert.Equal(231.0, m.Value);
        Assert.Equal(252, m.FirstValidIndex);
    }
}
