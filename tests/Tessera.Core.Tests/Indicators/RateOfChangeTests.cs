using Tessera.Core.Errors;
using Tessera.Core.Indicators;
using Xunit;
using R = Tessera.Core.Tests.Indicators.IndicatorReferenceValues;

namespace Tessera.Core.Tests.Indicators;

public class RateOfChangeTests
{
    [Fact]
    public void By_hand_and_reference()
    {
        var roc = new RateOfChange(2);
        roc.Update(100);
        roc.Update(50);
        Assert.Equal(10.0, roc.Update(110), 12);
        var output = new double[R.Close.Length];
        RateOfChange.Compute(R.Close, output, 4);
        SeriesAssert.Close(R.Roc4, output, 1e-10);
        Assert.Throws<TesseraValidationException>(() => roc.Update(0));
    }
}
