using Tessera.Core.Contracts;
using Xunit;

namespace Tessera.Core.Tests.Contracts;

public sealed class SyntheticLongTests
{
    [Theory]
    [InlineData(0.3, Side.Long, 0.3)]
    [InlineData(1.5, Side.Long, 1.5)]
    [InlineData(0.3, Side.Short, -0.3)]
    [InlineData(-0.2, Side.Short, 0.2)]
    [InlineData(1.0, Side.Short, -1.0)]
    [InlineData(1.5, Side.Short, -1.0)]
    [InlineData(4.9, Side.Short, -1.0)]
    public void Long_keeps_the_return_short_is_minus_the_return_clipped_at_one(double r, Side d, double expected) =>
        Assert.Equal(expected, SyntheticLong.Normalize(r, d));

    [Fact]
    public void Applies_per_column_and_defaults_to_long()
    {
        var m = new ReturnsMatrix([1, 2], ["L", "S", "U"], [[0.1, 2.0], [0.1, 2.0], [0.5, -0.5]]);
        var n = SyntheticLong.Apply(m, new Dictionary<string, Side> { ["L"] = Side.Long, ["S"] = Side.Short });
        Assert.Equal([0.1, 2.0], n.Column("L").ToArray());
        Assert.Equal([-0.1, -1.0], n.Column("S").ToArray());
        Assert.Equal([0.5, -0.5], n.Column("U").ToArray());
        Assert.Equal(m.Dates, n.Dates);
    }
}
