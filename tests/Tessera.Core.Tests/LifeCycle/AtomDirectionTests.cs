using Tessera.Core.Errors;
using Tessera.Core.LifeCycle;
using Tessera.Core.Signals;
using Xunit;

namespace Tessera.Core.Tests.LifeCycle;

public sealed class AtomDirectionTests
{
    [Fact]
    public void Long_and_short_parse_and_name_back_the_same_way()
    {
        Assert.Equal(SignalSide.Long, AtomDirection.Parse("LONG"));
        Assert.Equal(SignalSide.Short, AtomDirection.Parse("SHORT"));
        Assert.Equal("LONG", AtomDirection.Name(SignalSide.Long));
        Assert.Equal("SHORT", AtomDirection.Name(SignalSide.Short));
    }

    [Theory]
    [InlineData("long")]
    [InlineData("BUY")]
    [InlineData("")]
    public void Anything_else_is_a_typed_error_naming_the_value(string text)
    {
        var ex = Assert.Throws<TesseraValidationException>(() => AtomDirection.Parse(text));
        Assert.Equal("direction", ex.Field);
        Assert.Throws<TesseraValidationException>(() => AtomDirection.Name(SignalSide.Flat));
    }
}
