using Tessera.Core.Backtest;
using Tessera.Core.Errors;
using Xunit;
using static Tessera.Core.Tests.Backtest.ScenarioBars;

namespace Tessera.Core.Tests.Backtest;

public sealed class BarWindowTests
{
    [Fact]
    public void Keeps_bars_inside_the_inclusive_window_and_drops_empty_symbols()
    {
        var a = Flat("A", 10, 100);
        var b = Flat("B", 2, 50);
        var cut = BarWindow.Slice([a, b], new DateTime(2020, 1, 3), new DateTime(2020, 1, 6));
        var only = Assert.Single(cut);
        Assert.Equal("A", only.Symbol);
        Assert.Equal(4, only.Count);
        Assert.Equal(Ts(2), only.Timestamps[0]);
        Assert.Same(a, BarWindow.Slice([a], null, null)[0]);
        Assert.Throws<TesseraValidationException>(() => BarWindow.Slice([a], new DateTime(2021, 1, 1), null));
        Assert.Throws<TesseraValidationException>(() => BarWindow.Slice([a], new DateTime(2020, 1, 5), new DateTime(2020, 1, 2)));
    }
}
