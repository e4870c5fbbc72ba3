using Tessera.Core.Indicators;
using Xunit;

namespace Tessera.Core.Tests.Indicators;

public class RmaTests
{
    [Fact]
    public void Wilder_smoothing_by_hand()
    {
        // n = 4: seed (1+2+3+6)/4 = 3; then 3 + (7-3)/4 = 4; 4 + (0-4)/4 = 3.
        var rma = new Rma(4);
        rma.Update(1);
        rma.Update(2);
        Assert.True(double.IsNaN(rma.Update(3)));
        Assert.Equal(3.0, rma.Update(6));
        Assert.Equal(4.0, rma.Update(7));
        Assert.Equal(3.0, rma.Update(0));
    }
}
