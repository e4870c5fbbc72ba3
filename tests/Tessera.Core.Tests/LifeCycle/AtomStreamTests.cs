using Tessera.Core.LifeCycle;
using Xunit;

namespace Tessera.Core.Tests.LifeCycle;

public sealed class AtomStreamTests
{
    [Fact]
    public void Short_stream_is_negated_and_clipped_at_plus_one()
    {
        double[] r = [0.02, -0.5, 1.0, 3.0, -1.0];
        var d = new double[5];
        AtomStream.Normalize(r, Side.Short, d);
        Assert.Equal([-0.02, 0.5, -1.0, -1.0, 1.0], d);
        AtomStream.Normalize(r, Side.Long, d);
        Assert.Equal(r, d);
    }
}
