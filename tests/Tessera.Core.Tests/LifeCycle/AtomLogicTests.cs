using System.Text.Json;
using Tessera.Core.Errors;
using Tessera.Core.LifeCycle;
using Xunit;

namespace Tessera.Core.Tests.LifeCycle;

public sealed class AtomLogicTests
{
    [Fact]
    public void Hold_is_the_hold_logic_and_strategies_are_the_library()
    {
        Assert.Same(AtomLogic.Hold, AtomLogic.Parse("hold", "synthesis.logics"));
        Assert.True(AtomLogic.Hold.IsHold);
        var rsi = AtomLogic.Parse("connors-rsi2", "synthesis.logics");
        Assert.False(rsi.IsHold);
        Assert.Equal("connors-rsi2", rsi.Name);
        Assert.Equal(rsi, AtomLogic.Parse("connors-rsi2", "synthesis.logics"));
        Assert.NotEqual(rsi, AtomLogic.Hold);
        Assert.Equal(["hold", "adx-regime", "connors-rsi2"], AtomLogic.KnownNames.Take(3));
    }

    [Fact]
    public void A_strategy_keeps_the_profile_spelling_because_atom_names_carry_it()
    {
        // The strategy registry matches names case-insensitively; the logic is written back as the profile spelled it.
        var logic = AtomLogic.Parse("Connors-RSI2", "synthesis.logics");
        Assert.Equal("Connors-RSI2", logic.ToString());
        Assert.NotEqual(AtomLogic.Parse("connors-rsi2", "synthesis.logics"), logic);
    }

    [Theory]
    [InlineData("HOLD")]
    [InlineData("astrology")]
    [InlineData(" ")]
    [InlineData(null)]
    public void Anything_else_is_a_typed_error_listing_the_known_logics(string? text)
    {
        Assert.False(AtomLogic.TryParse(text, out _));
        var ex = Assert.Throws<TesseraValidationException>(() => AtomLogic.Parse(text, "synthesis.logics"));
        Assert.Equal("synthesis.logics", ex.Field);
        Assert.Equal(text, ex.Value);
        Assert.StartsWith("unknown logic; known: hold, adx-regime, ", ex.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_carries_the_name()
    {
        AtomLogic[] logics = [AtomLogic.Hold, AtomLogic.Parse("donchian-breakout", "logics")];
        var json = JsonSerializer.Serialize(logics);
        Assert.Equal("[\"hold\",\"donchian-breakout\"]", json);
        Assert.Equal(logics, JsonSerializer.Deserialize<AtomLogic[]>(json));
        Assert.Throws<TesseraValidationException>(() => JsonSerializer.Deserialize<AtomLogic>("\"nope\""));
    }
}
