using Tessera.Core.Errors;
using Tessera.Core.Validation;
using Xunit;

namespace Tessera.Core.Tests.Validation;

public sealed class ParameterGridTests
{
    [Fact]
    public void Expands_the_cartesian_product_first_axis_slowest()
    {
        Assert.Equal(["a=1,b=x", "a=1,b=y", "a=2,b=x", "a=2,b=y"], ParameterGrid.Expand("a=1|2; b=x|y"));
        Assert.Equal([string.Empty], ParameterGrid.Expand(null));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("a=")]
    public void Malformed_axes_are_rejected(string grid) => Assert.Throws<TesseraValidationException>(() => ParameterGrid.Expand(grid));
}
