using Tessera.Core.Errors;
using Tessera.Core.LifeCycle;
using Xunit;

namespace Tessera.Core.Tests.LifeCycle;

public sealed class ChoicePolicyTests
{
    [Fact]
    public void Min_volatility_takes_the_lowest_finite_volatility_and_says_so()
    {
        var choice = ChoicePolicy.Choose("min_volatility", ["equal_weight", "inverse_volatility", "erc"], [0.20, 0.15, 0.18]);
        Assert.Equal(new OptimizerChoice(1, "inverse_volatility", "lowest in-sample annualized volatility (15.00 %)"), choice);
    }

    [Fact]
    public void Ties_go_to_the_ordinally_first_name_whatever_the_order()
    {
        Assert.Equal("a", ChoicePolicy.Choose("min_volatility", ["b", "a", "c"], [0.1, 0.1, 0.1]).Optimizer);
        Assert.Equal(1, ChoicePolicy.Choose("min_volatility", ["b", "a", "c"], [0.1, 0.1, 0.1]).Index);
        Assert.Equal("B", ChoicePolicy.Choose("min_volatility", ["b", "B"], [0.1, 0.1]).Optimizer); // ordinal: 'B' < 'b'
    }

    [Fact]
    public void Non_finite_volatilities_cannot_win_and_if_none_is_finite_the_choice_fails()
    {
        Assert.Equal("c", ChoicePolicy.Choose("min_volatility", ["a", "b", "c"], [double.NaN, double.PositiveInfinity, 0.3]).Optimizer);
        Assert.Equal("b", ChoicePolicy.Choose("min_volatility", ["a", "b"], [double.NegativeInfinity, 0.3]).Optimizer);
        var ex = Assert.Throws<TesseraValidationException>(() => ChoicePolicy.Choose("min_volatility", ["a", "b"], [double.NaN, double.NaN]));
        Assert.Equal("optimization.results", ex.Field);
    }

    [Fact]
    public void Prefer_takes_the_named_result_even_when_it_is_not_the_lowest_or_not_finite()
    {
        Assert.Equal(new OptimizerChoice(0, "equal_weight", "policy prefers equal_weight"), ChoicePolicy.Choose("prefer:equal_weight", ["equal_weight", "erc"], [0.3, 0.1]));
        Assert.Equal(1, ChoicePolicy.Choose("prefer:erc", ["equal_weight", "erc"], [0.3, double.NaN]).Index);
    }

    [Fact]
    public void A_preferred_optimizer_without_a_result_and_an_empty_or_ragged_input_are_typed_errors()
    {
        var ex = Assert.Throws<TesseraValidationException>(() => ChoicePolicy.Choose("prefer:hrp", ["equal_weight", "erc"], [0.3, 0.1]));
        Assert.Equal("optimization.policy", ex.Field);
        Assert.Equal("prefer:hrp", ex.Value);
        Assert.Throws<TesseraValidationException>(() => ChoicePolicy.Choose("min_volatility", [], []));
        Assert.Throws<TesseraValidationException>(() => ChoicePolicy.Choose("min_volatility", ["a", "b"], [0.1]));
    }
}
