using Tessera.Core.Data;
using Tessera.Core.Errors;
using Tessera.Core.LifeCycle;
using Xunit;

namespace Tessera.Core.Tests.LifeCycle;

public sealed class FoundationGateTests
{
    private static BarSeries Series(string symbol, long[] t, double[] close) =>
        new(symbol, t, close, close, close, close, new double[close.Length]);

    [Fact]
    public void Computes_simple_returns_and_drops_toxic_assets_with_a_record()
    {
        long[] t = [0, 86_400_000, 172_800_000];
        var frame = FoundationGate.Apply([
            Series("NYSE:A", t, [100, 110, 99]),
            Series("NYSE:B", t, [1, 7.5, 7.5]),   // +650%: toxic
            Series("NYSE:C", t, [10, 25, 25]),     // +150%: warning only
        ]);
        Assert.Equal(["NYSE:A", "NYSE:C"], frame.Symbols);
        Assert.Equal(0.1, frame.Returns[0][0], 14);
        Assert.Equal(-0.1, frame.Returns[0][1], 14);
        Assert.Single(frame.Dropped);
        Assert.Equal("NYSE:B", frame.Dropped[0].Symbol);
        Assert.Equal(1, frame.ReturnWarnings);
        Assert.Equal([86_400_000L, 172_800_000L], frame.Timestamps);
    }

    [Theory]
    [InlineData(new long[] { 0, 0, 1 }, 1.0, "timestamps")]
    [InlineData(new long[] { 2, 1, 3 }, 1.0, "timestamps")]
    [InlineData(new long[] { 0, 1, 2 }, double.NaN, "close")]
    [InlineData(new long[] { 0, 1, 2 }, -1.0, "close")]
    public void Structural_violations_name_the_field(long[] t, double badClose, string field)
    {
        var ex = Assert.Throws<TesseraValidationException>(() => FoundationGate.Apply([Series("X", t, [1, badClose, 1])]));
        Assert.Equal(field, ex.Field);
    }
}
